/*
 * grat-privacy.js: Grat's privacy center widget. Renders into [data-grat-privacy-center] what Grat knows about
 * the visitor and why, the privacy level and the choices per purpose, a download of everything, and erasure.
 * Needs grat.js on the page.
 * Product names come from the same endpoint as grat.js widgets (data-products on the grat.js script tag).
 */
(function (window, document) {
  'use strict';
  var PURPOSES = {
    analytics: ['Analytics', 'Grat keeps your events (pages, products, cart, purchases) so the shop can see what works.'],
    personalization: ['Personalization', 'Grat builds a profile of your interests from those events to pick recommendations, greetings and the order of the menu for you.'],
    marketing: ['Marketing', 'Grat records whether you open and click the shop\'s e-mails.'],
    session: ['This visit only', 'Grat personalizes from what you do during this visit, kept in its memory only and never saved; forgotten 30 minutes after your last action.']
  };
  var LEVEL_USED = {
    context: 'no personalization: only the page you are on and what is popular',
    session: 'this visit only: what you did during this visit, kept in memory and never saved',
    first_party: 'your profile on this shop',
    cross_channel: 'your profile across your linked devices and e-mail'
  };
  var DATA_USED = {
    request_context: 'the page you are on', popularity: 'what is popular', session_activity: 'what you did during this visit',
    interaction_history: 'your past views and clicks', purchase_history: 'your purchases',
    derived_interests: 'interests learned from your activity', declared_preferences: 'preferences you told the shop',
    linked_identities: 'your linked devices and e-mail', learned_model: 'a model learned from the shop\'s customers'
  };
  var EVENT_NAMES = {
    page_view: 'Viewed a page', product_view: 'Viewed a product', category_view: 'Browsed a category', search: 'Searched',
    add_to_cart: 'Added to cart', remove_from_cart: 'Removed from cart', purchase: 'Bought', email_open: 'Opened an e-mail',
    email_click: 'Clicked in an e-mail', recommendation_impression: 'Was shown recommendations',
    recommendation_click: 'Clicked a recommendation', offer_impression: 'Was shown an offer', offer_click: 'Clicked an offer'
  };

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) { if (child !== null) node.append(child); });
    return node;
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString() : '';
  }

  function section(title, children, id) {
    return el('section', { 'class': 'grat-pc-section', id: id }, [el('h2', {}, [title])].concat(children));
  }

  /** The privacy levels as radio buttons, the current one checked, and what recommendations use right now. */
  function level(center, view, notice) {
    var radios = window.grat.consent.levels().map(function (entry) {
      var radio = el('input', { type: 'radio', name: 'grat-pc-level', value: entry.level, 'data-grat-pc-level': entry.level });
      radio.checked = view.level === entry.level;
      radio.disabled = !entry.offered;
      return el('label', { 'class': 'grat-pc-purpose' }, [radio, ' ', el('strong', {}, [entry.title]), el('span', {}, [entry.text])]);
    });
    var fieldset = el('fieldset', { 'class': 'grat-pc-levels' }, [el('legend', {}, ['Choose how far personalization may go'])].concat(radios));
    var save = el('button', { type: 'button', id: 'grat-pc-level-save' }, ['Save my level']);
    var status = el('p', { 'class': 'grat-pc-status', role: 'status' }, [notice || '']);
    save.onclick = function () {
      var picked = fieldset.querySelector('input:checked');
      if (!picked) { status.textContent = 'Pick a level first.'; return; }
      save.disabled = true;
      status.textContent = 'Saving…';
      window.grat.consent.setLevel(picked.value, 'privacy-center').then(function () {
        return show(center, null, 'Your privacy level is saved.');
      }).catch(function (error) { status.textContent = 'Could not save: ' + error.message; save.disabled = false; });
    };
    var used = el('p', { 'data-grat-pc-used': '' }, ['Finding out what recommendations use…']);
    window.grat.privacy.level().then(function (answer) {
      used.setAttribute('data-grat-pc-used', answer.privacyLevel);
      used.textContent = 'Recommendations for you use ' + (LEVEL_USED[answer.privacyLevel] || answer.privacyLevel) + '. Data used: '
        + answer.dataUsed.map(function (kind) { return DATA_USED[kind] || kind; }).join(', ') + '.';
    }).catch(function (error) { used.textContent = 'Grat could not say what recommendations use: ' + error.message; });
    var custom = view.level === 'custom' ? el('p', { 'class': 'grat-pc-muted' }, ['You chose per purpose (below), not one of these levels.']) : null;
    var gpc = view.globalPrivacyControl ? el('p', { 'class': 'grat-pc-muted' }, ['Your browser sends Global Privacy Control, so e-mail tracking is not offered.']) : null;
    return section('How this shop personalizes for you', [used, custom, fieldset, gpc, save, status], 'grat-pc-level');
  }

  function choices(center, view, record, notice) {
    var boxes = Object.keys(PURPOSES).map(function (purpose) {
      var box = el('input', { type: 'checkbox', name: purpose, 'data-grat-pc-purpose': purpose });
      box.checked = !!view.purposes[purpose];
      if (purpose === 'marketing' && view.globalPrivacyControl) box.disabled = true;
      return el('label', { 'class': 'grat-pc-purpose' }, [box, ' ', el('strong', {}, [PURPOSES[purpose][0]]), el('span', {}, [PURPOSES[purpose][1]])]);
    });
    var save = el('button', { type: 'button', id: 'grat-pc-save' }, ['Save my choices']);
    var status = el('p', { 'class': 'grat-pc-status', role: 'status' }, [notice || '']);
    save.onclick = function () {
      var picked = {};
      boxes.forEach(function (label) { var box = label.querySelector('input'); picked[box.name] = box.checked; });
      save.disabled = true;
      window.grat.consent.set(picked, 'privacy-center').then(function () {
        return show(center, 'Your choices are saved.');
      }).catch(function (error) { status.textContent = 'Could not save: ' + error.message; save.disabled = false; });
    };
    var since = record && record.since
      ? el('p', { 'class': 'grat-pc-muted' }, ['Last changed ' + when(record.since) + ', privacy policy version ' + record.policyVersion + '.'])
      : el('p', { 'class': 'grat-pc-muted' }, ['You have not agreed to anything: Grat stores nothing that identifies you.']);
    var gpc = view.globalPrivacyControl ? el('p', { 'class': 'grat-pc-muted' }, ['Your browser sends Global Privacy Control, so marketing stays off.']) : null;
    return section('Your choices per purpose', [since].concat(boxes, [gpc, save, status]), 'grat-pc-choices');
  }

  function productNames(ids) {
    var script = document.querySelector('script[data-products]');
    if (!ids.length || !script) return Promise.resolve({});
    return fetch(script.dataset.products.replace('{ids}', ids.map(encodeURIComponent).join(','))).then(function (response) {
      return response.json();
    }).then(function (answer) {
      var names = {};
      (answer.products || answer).forEach(function (product) { names[product.id] = product.title; });
      return names;
    }).catch(function () { return {}; });
  }

  function bars(map, why) {
    var entries = Object.keys(map || {}).map(function (name) { return [name, map[name]]; })
      .sort(function (a, b) { return b[1] - a[1]; }).slice(0, 6);
    if (!entries.length) return el('p', { 'class': 'grat-pc-muted' }, ['Nothing yet.']);
    var top = entries[0][1] || 1;
    return el('ul', { 'class': 'grat-pc-bars' }, entries.map(function (entry) {
      var bar = el('span', { 'class': 'grat-pc-bar' }, []);
      bar.style.width = Math.max(4, Math.round(100 * entry[1] / top)) + '%';
      return el('li', { title: why }, [el('span', { 'class': 'grat-pc-label' }, [entry[0]]), bar]);
    }));
  }

  function describe(event, names) {
    var what = EVENT_NAMES[event.type] || event.type;
    var slot = event.properties && event.properties.slot;
    if (event.type === 'recommendation_impression') return 'Was shown ' + (event.items || []).length + ' recommendations' + (slot ? ' (' + slot + ')' : '');
    if (event.type === 'offer_impression' || event.type === 'offer_click') return what + (slot ? ' (' + slot + ')' : '');
    var product = event.itemId ? names[event.itemId] || event.itemId
      : (event.items || []).map(function (line) { return names[line.itemId] || line.itemId; }).join(', ');
    return what + (product ? ': ' + product : event.categoryId ? ': ' + event.categoryId : '');
  }

  /** Why Grat may keep what it keeps: the purposes granted now, with when and where they were given. */
  function why(record) {
    var granted = Object.keys(PURPOSES).filter(function (purpose) { return record.purposes && record.purposes[purpose]; });
    if (!granted.length) return 'Why: you allowed nothing at the moment, so Grat adds nothing new; delete what is left below.';
    return 'Why: you allowed ' + granted.map(function (purpose) { return PURPOSES[purpose][0].toLowerCase(); }).join(', ')
      + ' on ' + when(record.since) + '. Grat keeps your events only with analytics or personalization, and builds a profile only with personalization.';
  }

  function knows(data, names) {
    var events = data.events || [];
    var profile = data.profile;
    var items = [
      el('p', { 'data-grat-pc-summary': '' }, [
        'Grat keeps ', el('strong', { 'data-grat-pc-events': String(events.length) }, [events.length + ' events']),
        ' of yours under the pseudonymous id ', el('code', {}, [data.visitorId]), '. It never stores your name, address or e-mail address.'
      ]),
      el('p', { 'class': 'grat-pc-muted' }, [why(data.consent)])
    ];
    if (profile) {
      items.push(el('h3', {}, ['Your interests']),
        el('p', { 'class': 'grat-pc-muted' }, ['Why: learned from the products you looked at, put in your cart and bought; older actions count less. Used only because you allowed personalization.']),
        bars(profile.categoryAffinity, 'From your product views, cart and purchases in this category'),
        el('h3', {}, ['Brands you like']),
        bars(profile.brandAffinity, 'From your product views, cart and purchases of this brand'));
      if (profile.purchaseCount) {
        items.push(el('p', {}, ['Purchases: ' + profile.purchaseCount + ', in total ' + Number(profile.totalSpent).toFixed(2) + '.']));
      }
    } else if (data.consent.purposes && data.consent.purposes.session) {
      items.push(el('p', { 'class': 'grat-pc-muted', 'data-grat-pc-session': '' }, ['No stored profile: you chose this visit only. What you do now is kept in Grat\'s memory to personalize this visit, never saved, and forgotten 30 minutes after your last action.']));
    } else {
      items.push(el('p', { 'class': 'grat-pc-muted' }, ['No profile: Grat builds one only with your consent to personalization.']));
    }
    var recent = events.slice(-12).reverse();
    items.push(el('h3', {}, ['Your latest activity']), el('ul', { 'class': 'grat-pc-events' }, recent.map(function (event) {
      return el('li', {}, [el('span', {}, [describe(event, names)]), el('time', {}, [when(event.timestamp)])]);
    })));
    return section('What Grat knows about you', items, 'grat-pc-knows');
  }

  function ledger(record) {
    var rows = (record.history || []).slice().reverse().map(function (entry) {
      var yes = Object.keys(entry.purposes).filter(function (purpose) { return entry.purposes[purpose] && purpose !== 'necessary'; });
      return el('tr', {}, [el('td', {}, [when(entry.recordedAt)]), el('td', {}, [yes.length ? yes.join(', ') : 'nothing']),
        el('td', {}, [entry.source + (entry.globalPrivacyControl ? ' (GPC)' : '')])]);
    });
    return section('Your consent history', [el('table', { 'class': 'grat-pc-ledger' }, [
      el('thead', {}, [el('tr', {}, [el('th', {}, ['When']), el('th', {}, ['You allowed']), el('th', {}, ['Where'])])]),
      el('tbody', {}, rows)])], 'grat-pc-ledger');
  }

  function download(data) {
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    var link = el('a', { href: URL.createObjectURL(blob), download: 'grat-data-' + new Date().toISOString().slice(0, 10) + '.json' }, []);
    document.body.append(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function actions(center, data) {
    var get = el('button', { type: 'button', id: 'grat-pc-download' }, ['Download my data (JSON)']);
    get.onclick = function () { download(data); };
    var erase = el('button', { type: 'button', id: 'grat-pc-erase', 'class': 'grat-pc-danger' }, ['Delete everything']);
    var confirm = el('div', { 'class': 'grat-pc-confirm', hidden: '' }, [
      el('p', {}, ['This removes every event, your profile and your consent history from Grat, and forgets this browser. It cannot be undone.']),
      el('button', { type: 'button', id: 'grat-pc-erase-confirm', 'class': 'grat-pc-danger' }, ['Yes, delete everything'])
    ]);
    erase.onclick = function () { confirm.hidden = false; };
    confirm.querySelector('button').onclick = function () {
      window.grat.privacy.erase().then(function (receipt) { receiptView(center, receipt); })
        .catch(function (error) { confirm.append(el('p', { role: 'alert' }, ['Could not delete: ' + error.message])); });
    };
    return section('Take it with you, or delete it', [el('div', { 'class': 'grat-pc-actions' }, [get, erase]), confirm], 'grat-pc-actions');
  }

  function receiptView(center, receipt) {
    center.replaceChildren(section('Everything is deleted', [
      el('p', { 'data-grat-pc-erased': '' }, ['Grat erased ' + receipt.events + ' events and ' + receipt.consentEntries + ' consent entries on ' + when(receipt.erasedAt) + '.']),
      el('p', {}, ['Removed from: ' + receipt.removedFrom.join(', ') + '.']),
      el('p', { 'class': 'grat-pc-muted' }, ['Grat keeps no copy of this receipt. This browser no longer holds an id; the shop will ask again on your next visit.'])
    ], 'grat-pc-receipt'));
  }

  /** Renders the center; notice goes under the per-purpose choices, levelNotice under the levels. */
  function show(center, notice, levelNotice) {
    var view = window.grat.consent.get();
    if (!view.visitorId) {
      center.replaceChildren(level(center, view, levelNotice), choices(center, view, null, notice), section('What Grat knows about you', [
        el('p', { 'data-grat-pc-nothing': '' }, ['Nothing that points to you. Without your consent Grat counts only anonymously, for example how often a product was viewed.'])
      ], 'grat-pc-knows'));
      return Promise.resolve();
    }
    center.setAttribute('aria-busy', 'true');
    return window.grat.privacy.export().then(function (data) {
      var ids = {};
      (data.events || []).forEach(function (event) {
        if (event.itemId) ids[event.itemId] = true;
        (event.items || []).forEach(function (line) { ids[line.itemId] = true; });
      });
      return productNames(Object.keys(ids).slice(0, 100)).then(function (names) {
        center.replaceChildren(level(center, view, levelNotice), choices(center, view, data.consent, notice), knows(data, names), ledger(data.consent),
          actions(center, data));
        center.removeAttribute('aria-busy');
      });
    }).catch(function (error) {
      center.replaceChildren(el('p', { role: 'alert' }, ['Grat could not load your data: ' + error.message]));
    });
  }

  function start() {
    if (!window.grat || !window.grat.consent) {
      console.warn('grat-privacy: load grat.js first');
      return;
    }
    document.querySelectorAll('[data-grat-privacy-center]').forEach(function (center) { show(center); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})(window, document);

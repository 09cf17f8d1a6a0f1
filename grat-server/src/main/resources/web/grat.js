/*
 * grat.js: Grat's browser snippet. Consent banner (or the page's IAB TCF CMP), event tracking with batching and
 * retry, and personalization widgets. No framework, no cookies. Before consent nothing is stored on the device
 * and no event carries an identifier. Docs: docs/BROWSER.md.
 *
 * <script src="https://grat.example/grat.js" data-key="pk_..." data-products="/api/products?ids={ids}" defer></script>
 */
(function (window, document) {
  'use strict';
  if (window.grat && window.grat.version) return;

  var script = document.currentScript;
  var data = script ? script.dataset : {};
  var api = (data.api || new URL(script.src).origin).replace(/\/$/, '');
  var key = data.key;
  var productsUrl = data.products || '';
  var policyVersion = data.policyVersion || '1';
  var STATE = 'grat';
  var QUEUE = 'grat.queue';
  var SLOTS = 'grat.slots';
  var PURPOSES = ['analytics', 'personalization', 'marketing', 'session'];
  var STORING = ['analytics', 'personalization', 'marketing'];   // Grat keeps data under the id; session does not
  /** The privacy levels the banner offers, each as the purposes it grants. */
  var LEVELS = {
    none: {},
    visit: { session: true },
    shop: { analytics: true, personalization: true },
    everywhere: { analytics: true, personalization: true, marketing: true }
  };
  var BATCH = 20;
  var gpc = navigator.globalPrivacyControl === true;

  var local = area('localStorage');
  var visit = area('sessionStorage');
  // Where the answer is kept: localStorage, or sessionStorage for an id under which Grat keeps nothing (session only).
  var device = local;
  var state = read(STATE);          // {visitorId, visitorToken, purposes, policyVersion} after consent; {purposes} after a refusal
  if (!state && visit) {
    device = visit;
    state = read(STATE);
    if (!state) device = local;
  }
  var queue = identified() ? read(QUEUE) || [] : [];
  var sending = false;
  var failures = 0;
  var timer = 0;
  var attribution = identified() ? read(SLOTS) || {} : {};   // itemId -> slot of the last recommendation clicked
  var listeners = [];

  // ---- storage: used only after the visitor answered ------------------------------------------------------

  function area(name) {
    try { return window[name]; } catch (e) { return null; }   // storage disabled: the getter throws
  }

  function read(name) {
    try { return JSON.parse(device.getItem(name)); } catch (e) { return null; }
  }

  function write(name, value) {
    try {
      if (value === null) device.removeItem(name);
      else device.setItem(name, JSON.stringify(value));
    } catch (e) { /* storage full or disabled: the page still works */ }
  }

  function granted(purpose) {
    return !!(state && state.purposes && state.purposes[purpose]);
  }

  /** Events carry the visitor id only with analytics, personalization or session (kept in Grat's memory only). */
  function identified() {
    return !!(state && state.visitorId && (granted('analytics') || granted('personalization') || granted('session')));
  }

  /** Decisions use the visitor's profile: the stored one (personalization) or this visit's (session). */
  function personal() {
    return !!(state && state.visitorId && (granted('personalization') || granted('session')));
  }

  function uuid() {
    if (window.crypto.randomUUID) return window.crypto.randomUUID();
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // ---- HTTP --------------------------------------------------------------------------------------------------

  /** A request that gives up after 10 s, so a connection that never answers cannot stall the queue. */
  function call(method, path, body, keepalive) {
    var init = { method: method, headers: { Authorization: 'Bearer ' + key }, credentials: 'omit', keepalive: !!keepalive };
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (!keepalive && typeof AbortController === 'function') {
      var abort = new AbortController();
      var timeout = setTimeout(function () { abort.abort(); }, 10000);
      init.signal = abort.signal;
      return fetch(api + path, init).finally(function () { clearTimeout(timeout); });
    }
    return fetch(api + path, init);
  }

  function json(method, path, body) {
    return call(method, path, body).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) throw new Error(answer.error || 'HTTP ' + response.status);
        return answer;
      });
    });
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (name) {
      if (params[name] !== undefined && params[name] !== null && params[name] !== '') {
        parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(params[name]));
      }
    });
    return parts.join('&');
  }

  /** Decisions ask with the visitor id only with personalization or session consent; else Grat uses the context only. */
  function decision(path, params) {
    if (personal()) params.visitorId = state.visitorId;
    return json('GET', path + '?' + query(params));
  }

  // ---- events: batched, retried with the same ids (Grat stores an id once) ------------------------------------

  /**
   * Tracks an event: grat.track('add_to_cart', {itemId: 'sku-1'}). Before consent the event goes out without
   * an identifier (a fresh random id per event, which Grat keeps only as an anonymous count) and free text such
   * as search queries is not sent at all.
   */
  function track(type, fields) {
    var event = { id: uuid(), type: type, channel: 'web', timestamp: new Date().toISOString() };
    Object.keys(fields || {}).forEach(function (name) { event[name] = fields[name]; });
    if (identified()) {
      event.visitorId = state.visitorId;
    } else {
      if (type === 'search') return null;
      event.visitorId = 'anon-' + uuid();
      delete event.customerId;
      delete event.query;
    }
    if (type === 'purchase') attribute(event);
    queue.push(event);
    save();
    schedule(queue.length >= BATCH ? 0 : 1000);
    return event.id;
  }

  /** A purchase names the recommendation slot its products were last clicked in, so slots can be credited. */
  function attribute(event) {
    var slots = (event.items || []).map(function (line) { return attribution[line.itemId]; }).filter(Boolean);
    if (slots.length) {
      event.properties = event.properties || {};
      event.properties.slot = slots[0];
    }
  }

  function save() {
    if (identified()) write(QUEUE, queue);
  }

  /** The slot a product was last clicked in, for crediting a later purchase; kept on the device only after consent. */
  function remember(itemId, slot) {
    delete attribution[itemId];
    attribution[itemId] = slot;
    var items = Object.keys(attribution);
    if (items.length > 20) delete attribution[items[0]];
    if (identified()) write(SLOTS, attribution);
  }

  function schedule(delay) {
    if (timer) return;
    timer = setTimeout(function () { timer = 0; flush(); }, delay);
  }

  /** Sends one batch; a batch that got an answer leaves the queue, one that failed stays for the retry. */
  function send(batch, keepalive) {
    return call('POST', '/v1/events', { events: batch }, keepalive).then(function (response) {
      // 2xx: stored (rejected events are listed in the answer and would be rejected again);
      // other 4xx but 408 and 429: retrying the same batch cannot help.
      if (response.status >= 500 || response.status === 408 || response.status === 429) throw new Error('HTTP ' + response.status);
      if (!response.ok) console.warn('grat: events refused with HTTP ' + response.status);
      var sent = {};
      batch.forEach(function (event) { sent[event.id] = true; });
      queue = queue.filter(function (event) { return !sent[event.id]; });
      save();
      failures = 0;
    });
  }

  function flush() {
    if (!queue.length || sending) return Promise.resolve();
    sending = true;
    return send(queue.slice(0, BATCH), false).catch(function () {
      failures += 1;
    }).then(function () {
      sending = false;
      if (queue.length) schedule(failures ? Math.min(30000, 1000 * Math.pow(2, failures)) * (0.5 + Math.random() / 2) : 0);
    });
  }

  /**
   * When the page goes away: everything queued, with keepalive so the browser completes the requests after the
   * page is gone. A batch also in flight from flush() may arrive twice; Grat stores each event id once.
   */
  function flushAll() {
    for (var from = 0; from < queue.length; from += BATCH) {
      send(queue.slice(from, from + BATCH), true).catch(function () { failures += 1; });
    }
  }

  // ---- consent ---------------------------------------------------------------------------------------------

  /**
   * Records the visitor's answer: purposes {analytics, personalization, marketing, session}. Refusing everything
   * stores only that refusal on the device and sends nothing. The first yes makes a random visitor id; Grat answers
   * with the visitor's token, the credential for their privacy center.
   */
  function setConsent(purposes, source) {
    var answer = {};
    PURPOSES.forEach(function (purpose) { answer[purpose] = !!purposes[purpose]; });
    if (gpc) answer.marketing = false;
    var any = PURPOSES.some(function (purpose) { return answer[purpose]; });
    if (!any && !(state && state.visitorId)) {
      place({ purposes: answer, policyVersion: policyVersion });
      changed();
      return Promise.resolve(state);
    }
    var visitorId = state && state.visitorId ? state.visitorId : uuid();
    var body = { visitorId: visitorId, purposes: answer, source: source || 'banner', policyVersion: policyVersion };
    if (state && state.visitorToken) body.visitorToken = state.visitorToken;
    return json('POST', '/v1/me/consent', body).then(function (recorded) {
      var next = { visitorId: visitorId, visitorToken: recorded.visitorToken, policyVersion: policyVersion, purposes: {} };
      PURPOSES.forEach(function (purpose) { next.purposes[purpose] = !!recorded.consent.purposes[purpose]; });
      place(next);
      save();
      if (identified()) write(SLOTS, attribution);
      changed();
      return state;
    });
  }

  /**
   * Keeps the answer in localStorage when Grat keeps something under the visitor id (or kept it before, so that
   * the visitor can still see and delete it), else in sessionStorage, which the browser forgets after the visit.
   */
  function place(next) {
    var keeps = !next.visitorId || STORING.some(function (purpose) { return next.purposes[purpose]; });
    var target = keeps || (device === local && state && state.visitorId) ? local : visit;
    if (target !== device) {
      [STATE, QUEUE, SLOTS].forEach(function (name) { write(name, null); });
      device = target;
    }
    state = next;
    write(STATE, state);
  }

  /** Grants the purposes of one of the banner's levels (none, visit, shop, everywhere). */
  function setLevel(level, source) {
    if (!LEVELS[level]) return Promise.reject(new Error('unknown privacy level ' + level));
    return setConsent(LEVELS[level], source);
  }

  /** Whether the browser lets the visitor choose this level: with GPC on, no level that needs marketing. */
  function offered(level) {
    return !(gpc && LEVELS[level].marketing);
  }

  /** The level the answer matches (GPC turns everywhere into shop), custom when chosen per purpose, or null. */
  function levelOf() {
    if (!state) return null;
    var match = Object.keys(LEVELS).filter(function (level) {
      return PURPOSES.every(function (purpose) { return granted(purpose) === !!LEVELS[level][purpose]; });
    });
    return match.length ? match[0] : 'custom';
  }

  function changed() {
    hideBanner();
    render(document);
    listeners.forEach(function (listener) { listener(consentView()); });
  }

  function consentView() {
    return {
      answered: !!state,
      visitorId: state ? state.visitorId || null : null,
      purposes: PURPOSES.reduce(function (all, purpose) { all[purpose] = granted(purpose); return all; }, {}),
      level: levelOf(),
      globalPrivacyControl: gpc
    };
  }

  /** IAB TCF v2: purposes 1 (device access) with 8 (measure content) for analytics, 5 and 6 for personalization, 3 and 4 for marketing. */
  function fromTcf(tcData) {
    var yes = (tcData.purpose && tcData.purpose.consents) || {};
    var device = !!yes[1];
    return {
      analytics: device && !!yes[8],
      personalization: device && !!yes[5] && !!yes[6],
      marketing: device && !!yes[3] && !!yes[4]
    };
  }

  function listenToCmp() {
    window.__tcfapi('addEventListener', 2, function (tcData, success) {
      if (!success || (tcData.eventStatus !== 'tcloaded' && tcData.eventStatus !== 'useractioncomplete')) return;
      var purposes = fromTcf(tcData);
      var same = state && PURPOSES.every(function (purpose) { return granted(purpose) === (purpose === 'marketing' && gpc ? false : !!purposes[purpose]); });
      if (!same) setConsent(purposes, 'cmp').catch(warn);
    });
  }

  // ---- the banner ------------------------------------------------------------------------------------------

  var banner = null;
  var TEXT = {
    analytics: ['Analytics', 'Keep a record of what you look at and buy, so the shop can improve.'],
    personalization: ['Personalization', 'Recommendations, greetings and menus that learn from what you do here.'],
    marketing: ['Marketing', 'Measure whether you open and click our e-mails.'],
    session: ['This visit only', 'Personalize from what you do during this visit; kept in memory, never saved.']
  };
  var LEVEL_TEXT = {
    none: ['Don\'t personalize', 'The shop looks the same for everyone. Nothing about you is kept.'],
    visit: ['This visit only', 'Suggestions follow what you look at now. Kept in memory, never saved; forgotten when you leave.'],
    shop: ['Remember me on this shop', 'Suggestions learn from your visits and purchases here until you delete them. If you sign in, your devices share them.'],
    everywhere: ['Remember me, e-mails too', 'As above, and the shop also learns which of its e-mails you open and click.']
  };

  /** The levels as the banner and the privacy center show them: [{level, title, text, offered}]. */
  function levels() {
    return Object.keys(LEVELS).map(function (level) {
      return { level: level, title: LEVEL_TEXT[level][0], text: LEVEL_TEXT[level][1], offered: offered(level) };
    });
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  /**
   * The banner: one button per privacy level the browser allows, all alike (no level is pushed), and "Choose"
   * for an answer per purpose. [data-grat-accept] marks the most the browser allows, [data-grat-necessary] none.
   */
  function showBanner() {
    if (banner) return;
    var boxes = el('div', { 'class': 'grat-purposes', hidden: '' }, PURPOSES.map(function (purpose) {
      var box = el('input', { type: 'checkbox', name: purpose });
      if (purpose === 'marketing' && gpc) box.disabled = true;
      return el('label', {}, [box, ' ', el('strong', {}, [TEXT[purpose][0]]), ': ' + TEXT[purpose][1]]);
    }));
    var choices = levels().filter(function (entry) { return entry.offered; });
    var buttons = choices.map(function (entry, index) {
      var button = el('button', { type: 'button', 'class': 'grat-level', 'data-grat-level': entry.level },
        [el('strong', {}, [entry.title]), el('span', {}, [entry.text])]);
      if (entry.level === 'none') button.setAttribute('data-grat-necessary', '');
      if (index === choices.length - 1) button.setAttribute('data-grat-accept', '');
      button.onclick = function () { setLevel(entry.level, 'banner').catch(warn); };
      return button;
    });
    var choose = el('button', { type: 'button', 'data-grat-choose': '' }, ['Choose per purpose']);
    banner = el('div', { 'class': 'grat-banner', role: 'dialog', 'aria-labelledby': 'grat-banner-title' }, [
      el('p', {}, [el('strong', { id: 'grat-banner-title' }, ['How should this shop personalize for you? ']), 'Nothing that identifies you is stored until you choose, and you can change your mind or delete everything at any time in the privacy center.']),
      el('div', { 'class': 'grat-levels' }, buttons),
      boxes,
      gpc ? el('p', { 'class': 'grat-note' }, ['Your browser sends Global Privacy Control: marketing (e-mail tracking) stays off.']) : '',
      el('div', { 'class': 'grat-actions' }, [choose])
    ]);
    choose.onclick = function () {
      if (boxes.hidden) { boxes.hidden = false; choose.textContent = 'Save choices'; return; }
      var picked = {};
      boxes.querySelectorAll('input').forEach(function (box) { picked[box.name] = box.checked; });
      setConsent(picked, 'banner').catch(warn);
    };
    document.body.append(banner);
    buttons[0].focus();
  }

  function hideBanner() {
    if (banner) banner.remove();
    banner = null;
  }

  // ---- widgets ---------------------------------------------------------------------------------------------

  function products(ids) {
    if (!ids.length || !productsUrl) return Promise.resolve({});
    return fetch(productsUrl.replace('{ids}', ids.map(encodeURIComponent).join(','))).then(function (response) {
      return response.json();
    }).then(function (answer) {
      var byId = {};
      (answer.products || answer).forEach(function (product) { byId[product.id] = product; });
      return byId;
    });
  }

  function price(product) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'currency', currency: product.currency || 'EUR' }).format(product.price);
    } catch (e) {
      return String(product.price);
    }
  }

  /** Reports an impression when at least half of the widget has been on screen. */
  function whenSeen(node, report) {
    if (node.gratObserver) node.gratObserver.disconnect();
    if (!window.IntersectionObserver) { report(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) { observer.disconnect(); report(); }
    }, { threshold: 0.5 });
    node.gratObserver = observer;
    observer.observe(node);
  }

  function recommendations(node) {
    var slot = node.dataset.gratSlot;
    var params = { slot: slot, n: node.dataset.gratCount || 4, item: node.dataset.gratItem, category: node.dataset.gratCategory };
    return decision('/v1/recommendations', params).then(function (answer) {
      return products(answer.items.map(function (item) { return item.id; })).then(function (details) {
        var shown = answer.items.filter(function (item) { return details[item.id] || !productsUrl; });
        var list = el('ul', { 'class': 'grat-items' }, shown.map(function (item) {
          var product = details[item.id] || { id: item.id, title: item.id, url: '#' };
          var link = el('a', { href: product.url, title: item.reason, 'data-grat-item-id': item.id }, [
            el('span', { 'class': 'grat-tile', 'data-category': (product.category || '').split('/')[0] }, [(product.title || '').split(' ').pop()]),
            el('span', { 'class': 'grat-name' }, [product.title]),
            product.price !== undefined ? el('span', { 'class': 'grat-price' }, [price(product)]) : '',
            el('span', { 'class': 'grat-reason' }, [item.reason])
          ]);
          return el('li', { 'class': 'grat-item' }, [link]);
        }));
        var title = node.dataset.gratTitle;
        node.replaceChildren(title ? el('h2', { 'class': 'grat-row-title' }, [title]) : '', list);
        node.dataset.gratPersonalized = String(answer.personalized);
        node.dataset.gratPrivacyLevel = answer.privacyLevel || '';
        node.dataset.gratStrategy = answer.strategy || '';
        node.onclick = function (click) {
          var link = click.target.closest('a[data-grat-item-id]');
          if (!link) return;
          remember(link.dataset.gratItemId, slot);
          track('recommendation_click', { itemId: link.dataset.gratItemId, properties: { slot: slot } });
          flushAll();
        };
        if (shown.length) {
          whenSeen(node, function () {
            track('recommendation_impression', {
              items: shown.map(function (item) { return { itemId: item.id, quantity: 1 }; }),
              properties: { slot: slot, strategy: answer.strategy || '' }
            });
          });
        }
      });
    });
  }

  function content(node) {
    var slot = node.dataset.gratContent;
    return decision('/v1/content', { slot: slot }).then(function (answer) {
      var text = node.querySelector('[data-grat-text]') || node;
      text.textContent = answer.text;
      node.title = answer.reason;
      node.dataset.gratVariant = answer.variantId;
      if (node.hasAttribute('data-grat-offer')) {
        var decisionId = slot + '.' + answer.variantId;
        whenSeen(node, function () { track('offer_impression', { decisionId: decisionId, properties: { slot: slot } }); });
        node.onclick = function (click) {
          if (!click.target.closest('a,button')) return;
          track('offer_click', { decisionId: decisionId, properties: { slot: slot } });
          flushAll();
        };
      }
    });
  }

  function navigation(node) {
    var href = node.dataset.gratHref || '?category={category}';
    return decision('/v1/navigation', {}).then(function (answer) {
      node.replaceChildren.apply(node, answer.categories.map(function (entry) {
        return el('a', { href: href.replace('{category}', encodeURIComponent(entry.category)), title: entry.reason }, [entry.category]);
      }));
      node.dataset.gratPersonalized = String(answer.personalized);
      node.dataset.gratPrivacyLevel = answer.privacyLevel || '';
    });
  }

  /** Renders every widget inside root (the document by default): recommendations, content, navigation. */
  function render(root) {
    root = root || document;
    var jobs = [];
    function each(selector, widget) {
      if (root.matches && root.matches(selector)) jobs.push(widget(root));
      root.querySelectorAll(selector).forEach(function (node) { jobs.push(widget(node)); });
    }
    each('[data-grat-slot]', recommendations);
    each('[data-grat-content]', content);
    each('[data-grat-navigation]', navigation);
    return Promise.all(jobs.map(function (job) { return job.catch(warn); }));
  }

  function warn(error) {
    console.warn('grat: ' + (error && error.message ? error.message : error));
  }

  // ---- privacy center calls (the widget grat-privacy.js builds on these) -----------------------------------

  function withToken(path) {
    if (!state || !state.visitorToken) return Promise.reject(new Error('Grat holds nothing about you: you have not consented'));
    return json('POST', path, { visitorToken: state.visitorToken });
  }

  /** The privacy level Grat answers this visitor at now, and the kinds of data it uses: one recommendation's. */
  function levelUsed() {
    return decision('/v1/recommendations', { slot: 'home', n: 1 }).then(function (answer) {
      return { privacyLevel: answer.privacyLevel, dataUsed: answer.dataUsed || [] };
    });
  }

  function erase() {
    return withToken('/v1/me/erase').then(function (receipt) {
      state = null;
      queue = [];
      attribution = {};
      write(STATE, null);
      write(QUEUE, null);
      write(SLOTS, null);
      device = local;
      changed();
      return receipt;
    });
  }

  // ---- start -----------------------------------------------------------------------------------------------

  var ready = new Promise(function (resolve) {
    function start() {
      if (!state) {
        if (typeof window.__tcfapi === 'function') listenToCmp();
        else if (data.banner !== 'off') showBanner();
      } else if (typeof window.__tcfapi === 'function') {
        listenToCmp();
      }
      document.querySelectorAll('[data-grat-event]').forEach(function (node) {
        track(node.dataset.gratEvent, { itemId: node.dataset.gratItem, categoryId: node.dataset.gratCategory });
      });
      render(document).then(resolve);
      if (queue.length) schedule(0);
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  });

  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flushAll(); });
  window.addEventListener('pagehide', flushAll);

  if (!document.querySelector('link[data-grat-style]')) {
    document.head.append(el('link', { rel: 'stylesheet', href: api + '/web/grat.css', 'data-grat-style': '' }));
  }

  window.grat = {
    version: '1',
    ready: ready,
    track: track,
    flush: flush,
    render: render,
    consent: {
      get: consentView,
      set: setConsent,
      setLevel: setLevel,
      levels: levels,
      open: showBanner,
      onChange: function (listener) { listeners.push(listener); }
    },
    privacy: {
      export: function () { return withToken('/v1/me/export'); },
      erase: erase,
      level: levelUsed
    },
    pending: function () { return queue.length; }
  };
})(window, document);

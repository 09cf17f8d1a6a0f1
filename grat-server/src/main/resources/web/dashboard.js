/*
 * The shop team's dashboard: polls GET /v1/dashboard with the secret key every two seconds and draws the
 * figures as SVG. The key lives in this closure only (never in storage, never in a URL).
 */
(function (document) {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var POLL_MS = 2000;
  var HISTORY = 60;
  var COLORS = { web: '#1d4ed8', app: '#7c3aed', email: '#d97706', shop: '#059669' };
  var CHANNELS = ['web', 'app', 'email', 'shop'];

  var key = null;
  var timer = 0;
  var previous = null;
  var rates = [];                   // [{at, web, app, email, shop}]

  var $ = function (id) { return document.getElementById(id); };

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function percent(value) {
    return (100 * value).toFixed(value > 0 && value < 0.1 ? 1 : 0) + '%';
  }

  function number(value, digits) {
    return Number(value).toLocaleString('en', { maximumFractionDigits: digits || 0 });
  }

  /** Nice upper bound for an axis: 1, 2 or 5 times a power of ten. */
  function ceiling(max) {
    if (max <= 0) return 1;
    var power = Math.pow(10, Math.floor(Math.log10(max)));
    return [1, 2, 5, 10].map(function (f) { return f * power; }).find(function (v) { return v >= max; });
  }

  /** One line per channel that has had any event since start-up; a quiet channel lies on zero. */
  function lineChart(node, points, totals) {
    var width = 760, height = 220, left = 40, bottom = 24, top = 10;
    var max = ceiling(Math.max.apply(null, [0].concat(points.map(function (p) {
      return Math.max.apply(null, CHANNELS.map(function (c) { return p[c] || 0; }));
    }))));
    var children = [];
    [0, 0.5, 1].forEach(function (f) {
      var y = top + (height - top - bottom) * (1 - f);
      children.push(svg('line', { 'class': 'grid', x1: left, x2: width, y1: y, y2: y }), svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, number(max * f, 1)));
    });
    children.push(svg('text', { x: left, y: height - 6 }, 'two minutes ago'), svg('text', { x: width, y: height - 6, 'text-anchor': 'end' }, 'now'));
    var step = (width - left) / (HISTORY - 1);
    CHANNELS.forEach(function (channel) {
      if (!totals[channel] || !points.length) return;
      var offset = HISTORY - points.length;
      var path = points.map(function (p, i) {
        var x = left + (offset + i) * step;
        var y = top + (height - top - bottom) * (1 - (p[channel] || 0) / max);
        return (i ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1);
      }).join(' ');
      children.push(svg('path', { d: path, fill: 'none', stroke: COLORS[channel], 'stroke-width': 2.5, 'stroke-linejoin': 'round', 'data-channel': channel }));
    });
    node.replaceChildren.apply(node, children);
  }

  function barChart(node, rows, width, labelWidth) {
    var rowHeight = 26;
    node.setAttribute('viewBox', '0 0 ' + width + ' ' + Math.max(rowHeight, rows.length * rowHeight + 4));
    var max = Math.max.apply(null, [0.0001].concat(rows.map(function (r) { return r.value; })));
    var scale = rows.some(function (r) { return r.share; }) ? 1 : max;
    var children = [];
    rows.forEach(function (row, i) {
      var y = i * rowHeight + 4;
      var barWidth = Math.max(1, (width - labelWidth - 60) * row.value / scale);
      children.push(svg('text', { x: 0, y: y + 15 }, row.label),
        svg('rect', { x: labelWidth, y: y + 3, width: barWidth.toFixed(1), height: 16, rx: 3, fill: row.color || '#1d4ed8' }),
        svg('text', { 'class': 'value', x: labelWidth + barWidth + 6, y: y + 15 }, row.text));
    });
    node.replaceChildren.apply(node, children);
  }

  function table(id, rows) {
    var body = $(id).tBodies[0];
    body.replaceChildren.apply(body, rows.map(function (cells) {
      var tr = document.createElement('tr');
      cells.forEach(function (cell, i) {
        var td = document.createElement('td');
        if (i > 0) td.className = 'num';
        td.textContent = cell;
        tr.append(td);
      });
      return tr;
    }));
  }

  function kpi(name, text) {
    document.querySelector('[data-kpi="' + name + '"]').textContent = text;
  }

  function draw(report) {
    var at = Date.parse(report.at);
    if (previous && at > Date.parse(previous.at)) {
      var seconds = (at - Date.parse(previous.at)) / 1000;
      var point = { at: at };
      CHANNELS.forEach(function (channel) {
        point[channel] = Math.max(0, ((report.eventsByChannel[channel] || 0) - (previous.eventsByChannel[channel] || 0)) / seconds);
      });
      rates.push(point);
      if (rates.length > HISTORY) rates.shift();
    }
    previous = report;
    var last = rates[rates.length - 1];
    kpi('eventsPerSecond', last ? number(CHANNELS.reduce(function (s, c) { return s + last[c]; }, 0), 1) : '…');
    kpi('purchases', number(report.purchases));
    var revenue = Object.keys(report.revenue);
    kpi('revenue', revenue.length ? revenue.map(function (c) { return number(report.revenue[c], 0) + ' ' + c; }).join(', ') : '0');
    var impressions = report.slots.reduce(function (s, slot) { return s + slot.impressions; }, 0);
    var clicks = report.slots.reduce(function (s, slot) { return s + slot.clicks; }, 0);
    kpi('ctr', impressions ? percent(clicks / impressions) : '–');
    kpi('visitorsAnswered', number(report.consent.visitorsAnswered));

    lineChart($('rate-chart'), rates, report.eventsByChannel);
    var legend = $('rate-legend');
    legend.replaceChildren.apply(legend, CHANNELS.map(function (channel) {
      var span = document.createElement('span');
      span.style.setProperty('--swatch', COLORS[channel]);
      span.textContent = channel + ' ' + (last ? number(last[channel], 1) : '0') + '/s · ' + number(report.eventsByChannel[channel] || 0) + ' total';
      return span;
    }));

    barChart($('ctr-chart'), report.slots.map(function (slot) {
      return { label: slot.slot, value: slot.clickThroughRate, text: percent(slot.clickThroughRate) };
    }), 360, 80);
    table('slots', report.slots.map(function (slot) {
      return [slot.slot, number(slot.impressions), number(slot.clicks), percent(slot.clickThroughRate),
        number(slot.conversions), percent(slot.conversionRate)];
    }));

    var consent = report.consent;
    barChart($('consent-chart'), Object.keys(consent.rates).map(function (purpose) {
      return { label: purpose, value: consent.rates[purpose], share: true, color: '#059669',
        text: percent(consent.rates[purpose]) + ' (' + number(consent.granting[purpose]) + ')' };
    }), 360, 110);
    $('consent-note').textContent = 'Share of the ' + number(consent.visitorsAnswered) + ' visitors who answered a consent request.';

    table('conversions', [
      ['Purchases', number(report.purchases)],
      ['Revenue'].concat(revenue.length ? [revenue.map(function (c) { return number(report.revenue[c], 2) + ' ' + c; }).join(', ')] : ['0']),
      ['Average order'].concat(report.purchases && revenue.length === 1 ? [number(report.revenue[revenue[0]] / report.purchases, 2) + ' ' + revenue[0]] : ['–']),
      ['Recommendation clicks', number(clicks)]
    ]);
    $('since').textContent = new Date(report.since).toLocaleString();

    drawExperiments(report.experiments || []);

    var privacy = report.privacy;
    table('privacy', [
      ['Visitors with consent on record', number(privacy.consentingVisitors)],
      ['Profiles (personalization consent)', number(privacy.profiles)],
      ['Events stored with a visitor id', number(privacy.personalEvents)],
      ['Visitor tokens issued', number(privacy.visitorTokensIssued)],
      ['Exports (self-service)', number(privacy.exports) + ' (' + number(privacy.selfServiceExports) + ')'],
      ['Erasures (self-service)', number(privacy.erasures) + ' (' + number(privacy.selfServiceErasures) + ')'],
      ['E-mail events recorded / not recorded', number(privacy.emailEventsRecorded) + ' / ' + number(privacy.emailEventsNotRecorded)]
    ]);
    $('status').textContent = 'Live · updated ' + new Date(at).toLocaleTimeString() + ' · ' + number(report.catalog.items) + ' products';
  }

  function interval(estimate) {
    if (!estimate) return '–';
    return percent(estimate.value) + ' (' + percent(estimate.low) + '–' + percent(estimate.high) + ')';
  }

  function drawExperiments(experiments) {
    var rows = [];
    experiments.forEach(function (experiment) {
      experiment.groups.forEach(function (group) {
        var versus = group.ctrVsControl;
        rows.push([
          experiment.experimentId + ' · ' + experiment.slot + (experiment.running ? '' : ' (stopped)')
            + (experiment.sampleRatio.mismatch ? ' · sample ratio mismatch!' : ''),
          group.group + (group.group === experiment.control ? ' (control)' : ''),
          number(group.visitors), number(group.exposures), interval(group.ctr), interval(group.conversionRate),
          group.revenuePerVisitor ? number(group.revenuePerVisitor.value, 2) : '–',
          versus ? (versus.difference >= 0 ? '+' : '') + percent(versus.difference) + (versus.significant ? ' *' : '') : '–',
          versus && versus.probabilityToBeatControl != null ? percent(versus.probabilityToBeatControl) : '–'
        ]);
      });
    });
    table('experiments', rows);
    $('experiments-note').textContent = experiments.length
      ? 'Intervals are 95%; * marks a difference the always-valid sequential test finds significant. The holdout group gets no personalization.'
      : 'No experiment yet: start one with POST /v1/experiments.';
  }

  function poll() {
    fetch('/v1/dashboard', { headers: { Authorization: 'Bearer ' + key }, cache: 'no-store' }).then(function (response) {
      return response.json().then(function (body) {
        if (response.status === 401 || response.status === 403) throw Object.assign(new Error(body.error), { refused: true });
        if (!response.ok) throw new Error(body.error || 'HTTP ' + response.status);
        return body;
      });
    }).then(function (report) {
      $('key-form').hidden = true;
      $('board').hidden = false;
      $('lock').hidden = false;
      draw(report);
      timer = setTimeout(poll, POLL_MS);
    }).catch(function (error) {
      if (error.refused) {
        lock(error.message);
        return;
      }
      $('status').textContent = 'Cannot reach Grat (' + error.message + '); retrying…';
      timer = setTimeout(poll, POLL_MS * 2);
    });
  }

  function lock(message) {
    key = null;
    clearTimeout(timer);
    previous = null;
    rates = [];
    $('board').hidden = true;
    $('lock').hidden = true;
    $('key-form').hidden = false;
    $('key-error').textContent = message || '';
    $('status').textContent = 'Enter the secret key to see the figures.';
  }

  $('key-form').addEventListener('submit', function (submit) {
    submit.preventDefault();
    key = $('key').value.trim();
    $('key').value = '';
    $('key-error').textContent = '';
    poll();
  });
  $('lock').addEventListener('click', function () { lock(''); });
})(document);

// The dashboard's charts (spec §5.8). Served by the gateway with a CSP that forbids inline script:
// the page's texts come from the JSON block #dashboard-texts, the figures from /dashboard/data
// (the same report as /api/v1/reports/usage), fetched with the session cookie. Every chart also
// writes its figures into the table next to it and into its section's data-values attribute, so
// a reader without the canvas (a screen reader, a test) gets the same numbers.
(function () {
  'use strict';
  var texts = JSON.parse(document.getElementById('dashboard-texts').textContent);
  var charts = {};

  function section(name) {
    return document.querySelector('section[data-chart="' + name + '"]');
  }

  // pairs: [[label, value], ...]
  function figures(name, pairs) {
    var s = section(name);
    s.setAttribute('data-values', JSON.stringify(pairs));
    var body = s.querySelector('tbody');
    body.textContent = '';
    pairs.forEach(function (p) {
      var tr = document.createElement('tr');
      var th = document.createElement('th');
      th.textContent = p[0];
      var td = document.createElement('td');
      td.textContent = p[1] === null ? '—' : String(p[1]);
      tr.appendChild(th);
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  function chart(name, option) {
    var el = document.getElementById('plot-' + name);
    if (!charts[name]) {
      charts[name] = echarts.init(el, null, { renderer: 'canvas' });
    }
    option.animation = false;
    option.aria = { enabled: true, label: { description: section(name).querySelector('h2').textContent } };
    option.tooltip = option.tooltip || { trigger: 'item' };
    charts[name].setOption(option, true);
  }

  function bars(name, pairs, horizontal) {
    figures(name, pairs);
    var labels = pairs.map(function (p) { return p[0]; });
    var values = pairs.map(function (p) { return p[1]; });
    var category = { type: 'category', data: labels, axisLabel: { interval: 0, rotate: horizontal ? 0 : 45 } };
    var value = { type: 'value', minInterval: 1 };
    chart(name, {
      grid: { left: horizontal ? 230 : 50, right: 20, top: 20, bottom: horizontal ? 30 : 90 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [{ type: 'bar', data: values, label: { show: true, position: horizontal ? 'right' : 'top' } }]
    });
  }

  function pie(name, pairs) {
    figures(name, pairs);
    chart(name, {
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], label: { formatter: '{b}: {c}' },
        data: pairs.map(function (p) { return { name: p[0], value: p[1] }; }) }]
    });
  }

  function other(key) {
    return key === 'other' ? texts.other : key;
  }

  function draw(data) {
    var r = data.report;
    var t = r.totals;
    var dl = document.getElementById('totals');
    dl.textContent = '';
    var tiles = [[texts.prefills, t.prefills], [texts.complete, t.complete], [texts.partial, t.partial],
      [texts.refused, t.refused], [texts.citizens, t.citizensServed]];
    tiles.forEach(function (p) {
      var dt = document.createElement('dt');
      dt.textContent = p[0];
      var dd = document.createElement('dd');
      dd.textContent = String(p[1]);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    section('totals').setAttribute('data-values', JSON.stringify(tiles));
    bars('byDay', r.byDay.map(function (d) { return [other(d.date), d.prefills]; }), false);
    bars('byProcedure', r.byProcedure.map(function (p) { return [p.procedure, p.prefills]; }), true);
    bars('byAgency', r.byAgency.map(function (a) { return [other(a.agency), a.prefills]; }), true);
    pie('outcomes', [[texts.complete, t.complete], [texts.partial, t.partial], [texts.refused, t.refused]]);
    var answered = t.npdCalls - t.npdFailures;
    pie('npd', [[texts.npdAnswered, answered], [texts.npdFailed, t.npdFailures]]);
    var h2 = section('npd').querySelector('h2');
    h2.setAttribute('data-availability', t.npdCalls === 0 ? '' : (100 * answered / t.npdCalls).toFixed(1));
    bars('latency', r.byProcedure.map(function (p) { return [p.procedure, p.p95Ms]; }), true);
    bars('outbox', [[texts.accepted, t.eventsAccepted], [texts.delivered, t.eventsDelivered],
      [texts.rejected, t.eventsRejected], [texts.pending, r.outbox.pending]], false);
    document.body.setAttribute('data-loaded', r.month);
  }

  function months(list, chosen) {
    var select = document.getElementById('month');
    select.textContent = '';
    list.slice().reverse().forEach(function (m) {
      var o = document.createElement('option');
      o.value = m;
      o.textContent = m;
      o.selected = m === chosen;
      select.appendChild(o);
    });
  }

  function load(month) {
    document.body.removeAttribute('data-loaded');
    fetch('/dashboard/data?month=' + encodeURIComponent(month), { credentials: 'same-origin',
      headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        months(data.months, month);
        draw(data);
        document.getElementById('csv-download').href = '/dashboard/usage.csv?month=' + encodeURIComponent(month);
        var lang = document.getElementById('language');
        lang.href = lang.href.replace(/month=[0-9-]*/, 'month=' + month);
        history.replaceState(null, '', '/dashboard?lang=' + document.body.getAttribute('data-lang') +
          '&month=' + encodeURIComponent(month));
      })
      .catch(function () {
        document.body.setAttribute('data-error', texts.error);
      });
  }

  document.getElementById('month').addEventListener('change', function (e) { load(e.target.value); });
  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  });
  load(document.body.getAttribute('data-month'));
})();

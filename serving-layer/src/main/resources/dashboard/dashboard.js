// trendwatch dashboard: reads the public API only, refreshes itself every 30 s.
(function () {
  'use strict';
  const REFRESH_MS = 30000;
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  if (params.get('at')) $('at').value = params.get('at');
  if (params.get('window')) $('window').value = params.get('window');
  let selected = params.get('term');
  if (params.get('share')) $('share-terms').value = params.get('share');
  const seriesChart = echarts.init($('series-chart'));
  const sentimentChart = echarts.init($('sentiment-chart'));
  const shareChart = echarts.init($('share-chart'));
  window.addEventListener('resize', () => { seriesChart.resize(); sentimentChart.resize(); shareChart.resize(); });

  async function api(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.message || ('HTTP ' + r.status));
    return body;
  }

  function at() { return $('at').value.trim(); }
  function atParam() { return at() ? '&at=' + encodeURIComponent(at()) : ''; }
  function atInstant() { return at() ? new Date(at()) : new Date(); }
  const WINDOW_HOURS = { '1h': 1, '24h': 24, '7d': 168 };

  function text(tag, value, cls) {
    const el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }

  // the estimated shares (adjusted for the model's measured bias when the answer says so); the counts in the title
  function sentimentBar(t, estimate) {
    const scored = t.positive + t.neutral + t.negative;
    const bar = document.createElement('div');
    bar.className = 'bar';
    if (scored === 0 || t.estimated_positive_share == null) { bar.title = 'not scored yet'; return bar; }
    const pos = t.estimated_positive_share;
    const neg = t.estimated_negative_share;
    [['p', pos], ['n', 1 - pos - neg], ['g', neg]].forEach(([cls, share]) => {
      const s = document.createElement('span');
      s.className = cls;
      s.style.width = (100 * share) + '%';
      bar.appendChild(s);
    });
    bar.title = `positive ${pct(pos)}, negative ${pct(neg)}${estimate === 'adjusted' ? ' (adjusted for the model\'s measured bias)' : ''}; `
      + `counted: positive ${t.positive}, neutral ${t.neutral}, negative ${t.negative}`;
    return bar;
  }

  async function loadTrends() {
    const path = `/api/v1/trends?window=${$('window').value}&kind=${$('kind').value}&limit=20${atParam()}`;
    $('trends-csv').href = path + '&format=csv';
    const body = await api(path);
    const tbody = $('trends').querySelector('tbody');
    tbody.replaceChildren();
    body.trends.forEach((t, i) => {
      const tr = document.createElement('tr');
      tr.dataset.term = t.term;
      if (t.term === selected) tr.classList.add('selected');
      tr.appendChild(text('td', i + 1));
      if (t.trending) tr.classList.add('trending');
      const term = text('td', t.term, 'term');
      if (t.trending) term.appendChild(text('span', 'trending', 'badge'));
      tr.appendChild(term);
      tr.appendChild(text('td', t.posts.toLocaleString(), 'num'));
      const change = t.change_ratio == null ? 'new' : (t.change_ratio >= 1 ? '×' + t.change_ratio.toFixed(1) : '×' + t.change_ratio.toFixed(2));
      tr.appendChild(text('td', change, 'num ' + (t.change >= 0 ? 'up' : 'down')));
      const s = document.createElement('td'); s.appendChild(sentimentBar(t, body.share_estimate)); tr.appendChild(s);
      const p = document.createElement('td');
      if (t.prediction) p.appendChild(text('span', Math.round(100 * t.prediction.probability) + '%', t.prediction.probability >= 0.5 ? 'flag' : ''));
      tr.appendChild(p);
      // the views behind the count ('batch+speed' is one bucket that straddles the boundary): each named once
      tr.appendChild(text('td', [...new Set(t.sources.flatMap((v) => v.split('+')))].join('+')));
      tr.addEventListener('click', () => { selected = t.term; markSelected(); keepTermInUrl(); loadSeries(); loadContext().catch(contextError); });
      tbody.appendChild(tr);
    });
    $('trends-empty').hidden = body.trends.length > 0;
    const flagged = body.trends.filter((t) => t.trending).length;
    $('trends-note').textContent = `${body.window} to ${new Date(body.at).toISOString().slice(0, 16)}Z · `
      + (flagged ? `${flagged} trending, then the busiest` : 'nothing passes the trend thresholds; the busiest terms');
    if (!selected && body.trends.length) selected = body.trends[0].term;
    markSelected();
    document.body.dataset.trends = String(body.trends.length);
  }

  function markSelected() {
    document.querySelectorAll('#trends tbody tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.term === selected));
  }

  async function loadSeries() {
    if (!selected) return;
    const to = atInstant();
    const hours = Math.max(24, WINDOW_HOURS[$('window').value] * 2);
    const step = hours > 48 ? 'hour' : (hours > 6 ? 'hour' : 'minute');
    const from = new Date(to.getTime() - hours * 3600 * 1000);
    const path = `/api/v1/terms/${encodeURIComponent(selected)}/series?from=${from.toISOString()}&to=${to.toISOString()}&step=${step}`;
    $('series-csv').href = path + '&format=csv';
    $('series-csv').hidden = false;
    const body = await api(path);
    $('series-term').textContent = `${body.term} (per ${body.step}; batch before the boundary, speed after)`;
    const xs = body.points.map((p) => p.bucket);
    const mark = body.boundary ? { symbol: 'none', label: { formatter: 'batch | speed' },
      lineStyle: { color: '#2962ff', type: 'dashed' }, data: [{ xAxis: body.boundary }] } : undefined;
    seriesChart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'time', min: from.toISOString(), max: to.toISOString() },
      yAxis: { type: 'value', name: 'posts' },
      series: [{ name: 'posts', type: 'line', showSymbol: xs.length < 60, data: body.points.map((p) => [p.bucket, p.posts]), markLine: mark }],
    }, true);
    sentimentChart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'time', min: from.toISOString(), max: to.toISOString() },
      yAxis: { type: 'value' },
      series: [['positive', '#2e9d5b'], ['neutral', '#a0a8b3'], ['negative', '#d1495b']].map(([k, c]) => ({
        name: k, type: 'bar', stack: 's', barMaxWidth: 24, itemStyle: { color: c }, data: body.points.map((p) => [p.bucket, p[k]]) })),
    }, true);
    document.body.dataset.seriesTerm = body.term;
    document.body.dataset.seriesPoints = String(xs.length);
  }

  function keepTermInUrl() {
    const url = new URL(location.href);
    url.searchParams.set('term', selected);
    history.replaceState(null, '', url);
  }

  function pct(v) { return v == null ? '–' : (100 * v).toFixed(1) + '%'; }
  function points(v) { return v == null ? '' : ` (${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)} pts)`; }

  // why the selected term trends: its example posts, the terms found beside it, its sentiment against the week before
  async function loadContext() {
    if (!selected) return;
    const path = `/api/v1/terms/${encodeURIComponent(selected)}/context?window=${$('window').value}&limit=5${atParam()}`;
    $('context-csv').href = path + '&format=csv';
    $('context-csv').hidden = false;
    const body = await api(path);
    $('context-term').textContent = `${body.term} (${body.window} to ${new Date(body.at).toISOString().slice(0, 16)}Z)`;
    const s = body.sentiment;
    $('context-sentiment').textContent = `${s.window.posts.toLocaleString()} posts in the hours of the window: `
      + `positive ${pct(s.window.estimated_positive_share)}${points(s.positive_share_change)}, `
      + `negative ${pct(s.window.estimated_negative_share)}${points(s.negative_share_change)} against the 7 days before`
      + (s.share_estimate === 'adjusted' ? ` (adjusted for the measured bias of sentiment model ${s.sentiment_model})` : '')
      + (s.window.unscored === s.window.posts && s.window.posts > 0 ? ' (not scored: no sentiment model promoted)' : '');
    const related = $('context-related');
    related.replaceChildren();
    body.related.forEach((r) => {
      const li = text('li', r.term, 'chip');
      li.appendChild(text('span', ` ×${r.lift >= 100 ? Math.round(r.lift) : r.lift.toFixed(1)}`, 'note'));
      li.title = `in ${r.examples} of ${body.minutes_with_example} examples (${pct(r.share_of_examples)}), `
        + `${pct(r.share_of_posts)} of all posts`;
      related.appendChild(li);
    });
    if (!body.related.length) related.appendChild(text('li', 'no term stands out beside it in its examples', 'note'));
    const examples = $('context-examples');
    examples.replaceChildren();
    body.examples.forEach((e) => {
      const li = document.createElement('li');
      li.appendChild(text('span', e.text, 'text'));
      li.appendChild(text('span', ` ${e.created_at.slice(0, 16).replace('T', ' ')} · ${e.sentiment} · ${e.source}`, 'note'));
      examples.appendChild(li);
    });
    if (!body.examples.length) examples.appendChild(text('li', 'no example kept in this window', 'note'));
    document.body.dataset.contextTerm = body.term;
    document.body.dataset.contextExamples = String(body.examples.length);
    document.body.dataset.contextRelated = body.related.map((r) => r.term).join(',');
  }

  function contextError(err) {
    $('context-note').replaceChildren(text('span', 'error: ' + err.message, 'bad'));
  }

  // the share of voice of the terms typed, over the same span as the series; kept in the URL so a view can be shared
  async function loadShare() {
    const terms = $('share-terms').value.split(',').map((t) => t.trim()).filter((t) => t);
    const url = new URL(location.href);
    if (terms.length) url.searchParams.set('share', terms.join(',')); else url.searchParams.delete('share');
    history.replaceState(null, '', url);
    if (terms.length < 2) { $('share-csv').hidden = true; shareChart.clear(); return; }
    const to = atInstant();
    const hours = Math.max(24, WINDOW_HOURS[$('window').value] * 2);
    const from = new Date(to.getTime() - hours * 3600 * 1000);
    const path = `/api/v1/share?terms=${terms.map(encodeURIComponent).join(',')}&from=${from.toISOString()}&to=${to.toISOString()}&step=hour`;
    $('share-csv').href = path + '&format=csv';
    $('share-csv').hidden = false;
    const body = await api(path);
    shareChart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '–' : (100 * v).toFixed(1) + '%') },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'time', min: from.toISOString(), max: to.toISOString() },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v) => Math.round(100 * v) + '%' } },
      series: body.terms.map((term, i) => ({
        name: term, type: 'line', stack: 'share', areaStyle: {}, showSymbol: false,
        data: body.points.map((p) => [p.bucket, p.shares[i].share_of_voice]) })),
    }, true);
    $('share-note').textContent = body.shares.map((t) => `${t.term} ${t.share_of_voice == null ? '–' : (100 * t.share_of_voice).toFixed(1) + '%'}`).join(' · ')
      + ` of ${body.mentions.toLocaleString()} mentions`;
    document.body.dataset.shareTerms = body.terms.join(',');
    document.body.dataset.sharePoints = String(body.points.length);
  }

  function shareError(err) {
    $('share-note').replaceChildren(text('span', 'error: ' + err.message, 'bad'));
  }

  async function loadTopics() {
    // the day of `at` if its topics were fitted already, else the day before (what the nightly run fits)
    let day = atInstant().toISOString().slice(0, 10);
    let body = await api(`/api/v1/topics?day=${day}`);
    if (!body.topics.length) {
      day = new Date(atInstant().getTime() - 24 * 3600 * 1000).toISOString().slice(0, 10);
      body = await api(`/api/v1/topics?day=${day}`);
    }
    $('topics-day').textContent = day;
    const ol = $('topics');
    ol.replaceChildren();
    body.topics.sort((a, b) => b.share - a.share).forEach((t) => {
      const li = document.createElement('li');
      li.appendChild(text('span', t.terms.slice(0, 6).join(', ') + ' '));
      li.appendChild(text('span', `${(100 * t.share).toFixed(0)}%`, 'share'));
      ol.appendChild(li);
    });
    $('topics-empty').hidden = body.topics.length > 0;
  }

  // each watchlist with its latest alert episodes (open ones first in time order as the API gives them: newest first)
  async function loadWatchlists() {
    const lists = (await api('/api/v1/watchlists')).watchlists;
    const histories = await Promise.all(lists.map((w) => api(`/api/v1/watchlists/${encodeURIComponent(w.name)}/alerts?limit=10`)));
    const root = $('watchlists');
    root.replaceChildren();
    let shown = 0;
    lists.forEach((w, i) => {
      const h = histories[i];
      const box = document.createElement('div');
      box.className = 'watchlist';
      box.dataset.name = w.name;
      const title = text('h3', w.name + ' ');
      title.appendChild(text('span', w.terms.join(', ') + ' · ' + w.rules.map(ruleText).join(', '), 'note'));
      if (h.undelivered) title.appendChild(text('span', `${h.undelivered} waiting for their webhook`, 'flag'));
      box.appendChild(title);
      if (!h.alerts.length) {
        box.appendChild(text('p', 'No alerts yet.', 'empty'));
      } else {
        const table = document.createElement('table');
        const head = document.createElement('tr');
        ['term', 'rule', 'from', 'until', 'value'].forEach((c) => head.appendChild(text('th', c)));
        table.appendChild(head);
        h.alerts.forEach((a) => {
          const tr = document.createElement('tr');
          tr.className = a.resolved ? 'resolved' : 'open';
          tr.appendChild(text('td', a.term, 'term'));
          tr.appendChild(text('td', a.rule));
          tr.appendChild(text('td', a.started.slice(0, 16).replace('T', ' ')));
          tr.appendChild(text('td', a.resolved ? a.resolved.slice(0, 16).replace('T', ' ') : 'open'));
          tr.appendChild(text('td', Number.isInteger(a.value) ? a.value.toLocaleString() : a.value.toFixed(3), 'num'));
          table.appendChild(tr);
          shown++;
        });
        box.appendChild(table);
      }
      root.appendChild(box);
    });
    $('watchlists-empty').hidden = lists.length > 0;
    document.body.dataset.watchlists = String(lists.length);
    document.body.dataset.alerts = String(shown);
  }

  function ruleText(r) {
    switch (r.kind) {
      case 'trending': return 'trending';
      case 'negative_share': return `negative > ${Math.round(100 * r.threshold)}% for ${r.minutes} min`;
      case 'volume_above': return `> ${r.threshold}/min for ${r.minutes} min`;
      default: return `< ${r.threshold}/min for ${r.minutes} min`;
    }
  }

  async function loadStatus() {
    const s = await api('/api/v1/status');
    const parts = [];
    parts.push(s.boundary ? `batch boundary ${s.boundary.slice(0, 16)}Z (${Math.round((s.boundary_age_seconds || 0) / 3600)} h old)` : 'no batch run yet');
    parts.push(s.speed_updated_at ? `speed lag ${s.speed_lag_records ?? '?'} records` : 'speed layer not reporting');
    parts.push(`sentiment model ${s.sentiment_model || 'none'}`);
    $('status').textContent = parts.join(' · ');
  }

  function updateReportLink() {
    const to = new Date(atInstant().getTime() - 24 * 3600 * 1000);
    const from = new Date(to.getTime() - 6 * 24 * 3600 * 1000);
    $('report').href = `/api/v1/report?from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}&format=pdf`;
  }

  async function refresh() {
    updateReportLink();
    // a share the API refuses (a mistyped term) is said under its chart, not as the page's error
    const jobs = [loadStatus(), loadTrends().then(() => Promise.all([loadSeries(), loadContext().catch(contextError)])), loadTopics(), loadShare().catch(shareError), loadWatchlists()];
    const results = await Promise.allSettled(jobs);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) {
      $('status').replaceChildren(text('span', 'error: ' + failed.reason.message, 'bad'));
    }
    document.body.dataset.refreshed = new Date().toISOString();
  }

  ['window', 'kind'].forEach((id) => $(id).addEventListener('change', refresh));
  $('at').addEventListener('change', refresh);
  $('controls').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
  $('share-form').addEventListener('submit', (e) => { e.preventDefault(); loadShare().catch(shareError); });
  refresh();
  setInterval(refresh, REFRESH_MS);
}());

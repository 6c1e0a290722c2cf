/// The one stylesheet: readable tables, clear errors, prints cleanly. No build step, no JavaScript.
enum Styles {
    static let css = """
    :root { --ink: #1d2430; --muted: #5b6675; --line: #d6dbe2; --accent: #0b5cad; --bad: #b3261e; --ok: #1e7a3c; --warn: #a15c00; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f7f8fa; }
    header.top { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.2rem; background: #fff; border-bottom: 1px solid var(--line); }
    header.top .brand { font-weight: 700; color: var(--accent); text-decoration: none; }
    header.top { flex-wrap: wrap; }
    header.top nav { display: flex; flex-wrap: wrap; gap: .2rem 1rem; }
    header.top nav a, header.top .who, header.top .who button { white-space: nowrap; }
    td a, td.nowrap, table.patients td:nth-child(1), table.board td:nth-child(1) { white-space: nowrap; }
    td.bad { color: var(--bad); }
    section.attention { border-left: 5px solid var(--bad); }
    svg.temperature-chart { max-width: 680px; display: block; }
    .check-character { border: 1px solid var(--ink); padding: 0 .2em; font-family: monospace; }
    ul.compact { margin: 0; padding-left: 1rem; }
    form.filters .field.check { flex-direction: row; align-items: center; }
    nav.pager { display: flex; gap: 1.5rem; margin: .8rem 0; }
    header.top .who { margin-left: auto; display: flex; gap: .8rem; align-items: center; color: var(--muted); }
    header.top form.language { display: flex; gap: .3rem; align-items: center; }
    header.top form.language select { width: auto; padding: .1rem .3rem; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    main { max-width: 1100px; margin: 1.2rem auto; padding: 0 1.2rem; }
    section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1.1rem; margin-bottom: 1rem; }
    section.narrow { max-width: 420px; margin: 3rem auto; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    tr.offramp td { color: var(--muted); }
    .status-overdue td, .criterion-notMet td, .verdict-notEligible { color: var(--bad); }
    .status-done td:last-child, .criterion-met td:nth-child(2), .verdict-eligible { color: var(--ok); }
    .criterion-unknown td:nth-child(2), .verdict-incomplete { color: var(--warn); }
    .field { display: flex; flex-direction: column; margin: .4rem 0; max-width: 360px; }
    .field.invalid input, .field.invalid select { border-color: var(--bad); }
    .error { color: var(--bad); font-size: .9em; }
    .hint, .subtitle, .identity { color: var(--muted); }
    .alert { border: 1px solid var(--bad); color: var(--bad); padding: .5rem .8rem; border-radius: 4px; }
    form.inline { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; }
    .notice { border: 1px solid var(--good, #2e7d32); padding: .5rem .8rem; border-radius: 4px; background: #f1f8f2; }
    .notice code { word-break: break-all; }
    .actions { display: flex; flex-wrap: wrap; gap: .3rem; }
    .actions form.inline, td > form.inline { gap: .3rem; flex-wrap: nowrap; align-items: center; }
    .actions button, td > form.inline button { padding: .2rem .6rem; font-size: .9em; }
    input, select, button { font: inherit; padding: .3rem .4rem; }
    button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .4rem .9rem; cursor: pointer; }
    button.link { background: none; color: var(--accent); padding: 0; }
    .deviations li, .flags li { color: var(--bad); }
    table.lines td, table.lines th { text-align: center; font-size: .85em; }
    .import { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
    .import .report { flex: 1 1 420px; }
    .done { color: var(--ok); }
    tr.category-PD td { color: var(--bad); }
    tr.status-cancelled td, tr.status-missed td { color: var(--muted); }
    .response .category { font-size: 1.1em; }
    .grade { white-space: nowrap; padding: .05rem .35rem; border-radius: 3px; }
    .grade-none, .grade-0 { color: var(--muted); }
    .grade-1 { background: #fff3bf; color: #5c4400; }
    .grade-2 { background: #ffc078; color: #4a2500; }
    .grade-3, .grade-4, .grade-5 { background: var(--bad); color: #fff; }
    td.trend { white-space: nowrap; }
    .trend .cell { display: inline-flex; flex-direction: column; min-width: 2.4em; margin-right: 2px; text-align: center; font-size: .85em; border-radius: 3px; padding: 0 .15rem; }
    .trend .cell small { color: var(--muted); font-size: .75em; }
    .trend .cell.grade-3 small, .trend .cell.grade-4 small, .trend .cell.grade-5 small { color: #fff; }
    /* On the yellow and orange cells the muted grey falls under 4.5:1 (WCAG 1.4.3): use the cell's own ink. */
    .trend .cell.grade-1 small, .trend .cell.grade-2 small { color: inherit; }
    form.event-form { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: .5rem; }
    .event-name { min-width: 14rem; align-self: center; }
    form.logger { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: .5rem; }
    table.board tr.severity-urgent td:first-child { border-left: 6px solid var(--bad); }
    table.board tr.severity-warning td:first-child { border-left: 6px solid #e8590c; }
    table.board tr.severity-info td:first-child { border-left: 6px solid var(--accent); }
    table.board tr.worst-grade-3, table.board tr.worst-grade-4, table.board tr.worst-grade-5 { background: #fdecea; }
    table.board tr.worst-grade-2 { background: #fff4e6; }
    ul.alerts { margin: 0; padding-left: 1rem; }
    .badge { display: inline-block; font-size: .8em; font-weight: 700; padding: 0 .35rem; border-radius: 3px; border: 1px solid currentColor; }
    .badge-urgent { background: var(--bad); color: #fff; border-color: var(--bad); }
    .badge-warning { color: #8a3c00; background: #ffe8cc; }
    .badge-info { color: var(--accent); background: #e7f0fa; }
    li.acknowledged { color: var(--muted); }
    /* Acknowledged: grey rather than faded, so the words keep a 4.5:1 contrast (WCAG 1.4.3). */
    li.acknowledged .badge { color: var(--muted); background: #f0f2f5; border-color: var(--line); }
    .inline-button { display: inline; margin-left: .4rem; }
    .inline-button button { padding: .1rem .5rem; font-size: .85em; }
    .wallet-card { max-width: 24rem; border: 2px solid var(--accent); border-radius: 10px; padding: .6rem .8rem; background: #fff; font-size: .85rem; }
    .wallet-card .card-warning { margin: 0 0 .4rem; line-height: 1.3; }
    .wallet-card dl { display: grid; grid-template-columns: auto 1fr; gap: .1rem .6rem; margin: 0; }
    .wallet-card dt { color: var(--muted); }
    .wallet-card dd { margin: 0; }
    /* Printed, the card is its own page of ID-1 size (85.60 x 53.98 mm), named so no other page changes. */
    @page card { size: 85.6mm 54mm; margin: 0; }
    @media print { .wallet-card { page: card; width: 85.6mm; height: 54mm; max-width: none; box-sizing: border-box; border: 0; border-radius: 0; margin: 0; font-size: 6.5pt; padding: 2.5mm 3mm; overflow: hidden; } main { padding: 0; margin: 0; } }
    .wallet-card .write-in { display: block; border-bottom: 1px solid var(--line); min-height: 1.1em; }
    .activation-code { font: 700 2rem/1.2 ui-monospace, monospace; letter-spacing: .12em; padding: .6rem 0; }
    .code-sheet { max-width: 32rem; }
    ol.journey-steps { padding-left: 1.4rem; }
    ol.journey-steps li { margin-bottom: .8rem; }
    ol.journey-steps li.current { border-left: 4px solid var(--accent); padding-left: .6rem; }
    ol.journey-steps h3 { margin: 0; font-size: 1.05rem; }
    .step-status { color: var(--muted); margin: .1rem 0; }
    @media (max-width: 600px) {
        header.top { gap: .4rem 1rem; padding: .5rem .6rem; }
        header.top nav a, header.top .who, header.top .who button { white-space: normal; }
        header.top .who { display: flex; flex-wrap: wrap; gap: .2rem .8rem; }
        main { padding: .6rem; }
    }
    @media print { header.top, form, button, .no-print { display: none; } section { border: 0; } body { background: #fff; } }
    """
}

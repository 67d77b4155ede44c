"""Field results beside practice: a shared funnel, CRM export importers, the KPIs that show learning.

`config` (funnel and column mappings), `parse` (files, dates, numbers), `importer` (rows -> deals, with a report),
`kpis` (per region / market / team / rep), `objections` (how specific an objection is), `sample` (demo exports),
`report` (the monthly pack's field section).
"""

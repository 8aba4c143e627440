"""Each page's view model (see governance/viewmodel.py): ``build(run, filters, lang, ...)``,
pure, one module a page, drawn by the page file of the same name under ``views/``."""

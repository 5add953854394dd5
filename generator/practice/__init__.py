"""The practice page (``probgen practice``): problems in the browser, checked as you go.

A local web page, served on this machine only, that shows a problem as the HTML sheet
renders it, with a box per part, a live preview of how the grader reads each answer, Check,
Show solution and Another one, and keeps the scores per kind in SQLite.

    problems.py  which problem a page shows (kinds and seeds, as ``make``), made through the sheet pipeline
    answers.py   the preview and the check, through the grader's own readers and ``grade_part``
    store.py     progress: every check kept, summed up per topic and kind
    pages.py     the HTML pages (templates/practice/), everything escaped but the pipeline's markup
    headers.py   Host check and security headers (CSP) around every response
    app.py       the Starlette application: routes, request limits, one-sentence errors
    server.py    binding the socket, uvicorn, the browser, Ctrl-C

Starlette (an ASGI toolkit with a test client) and uvicorn serve it; nothing is fetched from
any other host, and nothing a student types is evaluated or shown as markup.
"""

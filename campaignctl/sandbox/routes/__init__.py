"""HTTP routes, one module per resource group; each exposes ``ROUTES``.

Handlers are thin: parse the request, call the service, shape the response.
"""

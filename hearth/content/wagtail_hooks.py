"""Admin and serving hooks of the public site: the page cache's rules."""

from wagtail import hooks

from hearth.content import page_cache


@hooks.register("is_request_cacheable")
def request_may_use_cache(request, is_cacheable: bool) -> bool:
    return is_cacheable and page_cache.request_may_use_cache(request)


@hooks.register("is_response_cacheable")
def response_may_be_cached(response, is_cacheable: bool) -> bool:
    return is_cacheable and page_cache.response_may_be_cached(response)

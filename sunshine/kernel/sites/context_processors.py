def site(request):
    return {"site": getattr(request, "site", None)}

def bearer(key: str) -> dict:
    """Test-client keyword arguments that send `Authorization: Bearer <key>`."""
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

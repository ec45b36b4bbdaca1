"""Address checks shared by the metrics endpoint and the request id."""

import ipaddress
from functools import lru_cache


def _ip(value: str):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def address_in(address: str, networks) -> bool:
    ip = _ip(address or "")
    return ip is not None and any(ip in network for network in networks)


@lru_cache(maxsize=8)
def parse_networks(items: tuple[str, ...]) -> tuple:
    """CIDR ranges or single addresses; a typo raises ValueError (checked at start-up)."""
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in items if item.strip())

"""World knowledge from a GeoNames gazetteer built from PyPI packages (no network)."""

from filter.gazetteer.index import Gazetteer, Place, great_circle_km, load_gazetteer

__all__ = ["Gazetteer", "Place", "great_circle_km", "load_gazetteer"]

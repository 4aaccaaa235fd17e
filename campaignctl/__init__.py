"""campaignctl: campaigns-as-code for the Spotify Ads API."""

__version__ = "0.1.0"

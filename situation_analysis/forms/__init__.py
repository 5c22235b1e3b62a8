"""Forms of the situation analysis: validation and widgets only; the views hand cleaned data to a service."""

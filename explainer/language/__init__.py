"""Languages: BCP 47 tags resolved against CLDR, and the interface words from the gettext catalogs."""

"""Web pages: agency layouts (html_page, site_layouts) and the reader of unknown sites."""

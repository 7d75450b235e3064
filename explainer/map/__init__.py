"""The story map: geometry, the SVG drawing, the Open Graph image, and the cache of drawings.

Nothing here imports the drawing libraries; geo, svg and ogimage do, and drawings imports them only to draw.
"""

OG_WIDTH, OG_HEIGHT = 1200, 630  # px: the Open Graph image; the page's metadata names them too

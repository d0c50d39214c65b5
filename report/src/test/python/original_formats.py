"""What both oracles print the way the original scripts do.

hb: the original scripts' human-readable bytes (binary units, the original's decimals per unit).
"""


def hb(b):
    if b >= 1024 ** 4: return f"{b / 1024 ** 4:.2f} TB"
    if b >= 1024 ** 3: return f"{b / 1024 ** 3:.2f} GB"
    if b >= 1024 ** 2: return f"{b / 1024 ** 2:.1f} MB"
    if b >= 1024: return f"{b / 1024:.0f} KB"
    return f"{b} B"

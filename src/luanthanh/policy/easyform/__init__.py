"""collective.easyform integration: the "Tạo hồ sơ" action and validators.

Also the form guard (signed stamp, honeypot, limits).
"""

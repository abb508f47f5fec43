"""Fees and payments of dossiers (issue #18): "3 không", no cash.

:mod:`.interfaces` holds the settings (the collecting account, the reasons of
exemptions); :mod:`.record` the rules of a dossier's fee and payment;
:mod:`.receipts` the gap-free receipt numbers; :mod:`.vietqr` the VietQR
payload (a leaf: standard library only) and :mod:`.payload` the payload of a
dossier's unpaid fee with the account of :mod:`.settings`; :mod:`.words`
an amount in Vietnamese words for the e-receipt (a leaf: num2words only).
Views and services call :mod:`luanthanh.policy.api.payment`.
"""

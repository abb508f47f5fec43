"""@payment on a dossier: its fee and payment (GET), a payment (POST), a
corrected fee or an exemption (PATCH) and a refund (POST @payment/refund)."""

"""POST <procedure>/@online-form: generate or update the procedure's online form."""

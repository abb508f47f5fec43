"""POST @online-forms: generate the missing online forms of the whole catalogue."""

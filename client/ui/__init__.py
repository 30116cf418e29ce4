"""What the three Qt apps share: start-up, translations, theme, common widgets."""

"""`sxt lsp`: the language server that brings sxt's findings into the editor."""

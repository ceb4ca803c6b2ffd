"""sxt: the service-excellence toolkit.

Kept empty on purpose: every `sxt` run imports this package first, so anything imported here
would put a floor under the start-up time of every command and pre-commit hook.
"""

__version__ = "0.1.0"

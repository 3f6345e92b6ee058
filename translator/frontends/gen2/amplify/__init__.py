"""What ``@aws-amplify/backend`` gives a data definition: the ``a.*`` builders, ``allow``, ``defineData``."""

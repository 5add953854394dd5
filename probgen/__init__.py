"""probgen: an exercise bank, problem generator and grader for convolutional neural networks.

The code lives in the top-level folders ``problems/``, ``generator/``, ``grader/`` and
``templates/``; pyproject.toml installs them as ``probgen.problems`` and so on, so that no
module called ``generator`` or ``grader`` lands at the top of site-packages.
"""

__version__ = "0.1.0"

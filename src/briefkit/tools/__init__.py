"""The commands beside ``build``, each over the same unit of work (:mod:`briefkit.run`):

* :mod:`.check`: a readability gate for CI, findings located by line;
* :mod:`.evaluate`: ROUGE of the summarisers against reference summaries;
* :mod:`.scaffold`: ``briefkit init``, a starter configuration and workflow.
"""

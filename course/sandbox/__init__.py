"""Running a submission's answer cells where nothing can judge, read or change the course.

``course grade`` (:mod:`course.grading`, the judge) starts one sandbox per submission:

- :mod:`.stage`   builds the read-only tree the sandbox sees: the student-side package
                  (``course.data``, ``course.plots``), the helpers the notebook's setup cell hands
                  out, and this package's worker; never the registry, the comparisons, or the
                  references of the notebook's own exercises;
- :mod:`.host`    starts the worker under bubblewrap (:mod:`.limits` sets memory, process, file and
                  CPU limits), sends it one exercise at a time and reads its answers back;
- :mod:`.worker`  runs inside: the setup and answer cells, then each call it is sent;
- :mod:`.wire`    the plain-data format both sides speak (JSON with arrays as ``.npy`` in an
                  ``.npz``, read with ``allow_pickle=False``), checked and size-capped on reading.

``worker`` and ``wire`` import only the standard library and NumPy: they run in the sandbox.
"""

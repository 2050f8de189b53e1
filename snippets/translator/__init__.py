"""A tiny English → Spanish translator whose cross-attention learns word alignments.

Modules: ``lexicon`` (words, vocabularies), ``corpus`` (grammar, gold alignments,
held-out split), ``layers`` and ``model`` (forward and backward passes in numpy),
``train`` (Adam; writes ``weights.npz``), ``checkpoint`` (deterministic save/load),
``evaluate`` (exact match, alignment accuracy, ``translate``), ``plots`` and
``strings`` (bilingual figures).

Run ``python -m snippets.translator.train`` to retrain (about 10 s on 2 cores) and
``python -m snippets.translator.evaluate`` to print the committed model's metrics.
"""

"""Cells shared by every notebook: the setup cell and the helper cells."""

from __future__ import annotations

from notebooks.cells import Code, Markdown, Snippet

# Why the plot style is what it is, so readers are not puzzled by the setup cell.
SETUP_NOTE = Markdown(
    en=(
        "The next cell imports what the notebook uses (only the standard library, numpy and "
        "matplotlib) and sets a plot style that reads on light and dark backgrounds: vector "
        "(SVG) figures, a transparent background and grey text."
    ),
    es=(
        "La celda siguiente importa lo que usa el cuaderno (solo la biblioteca estándar, numpy "
        "y matplotlib) y fija un estilo de gráficos legible sobre fondos claros y oscuros: "
        "figuras vectoriales (SVG), fondo transparente y texto gris."
    ),
)

_STYLE = '''
%config InlineBackend.figure_formats = ["svg"]
INK = "#808080"  # a grey that reads on white and on near-black backgrounds
plt.rcParams.update({
    "figure.facecolor": "none",  # transparent: the figure takes the page's background
    "axes.facecolor": "none",
    "savefig.transparent": True,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.frameon": False,
    "font.size": 10,
    "svg.fonttype": "none",  # keep text as text: sharp and selectable
    "svg.hashsalt": "attention-glossary",  # the same SVG on every run
})
np.set_printoptions(precision=3, suppress=True)
'''


def setup(imports: str) -> Code:
    """The setup cell: ``imports`` (one per line), then the shared plot and print style."""
    return Code(imports.strip() + "\n" + _STYLE)


# The input checks every site function starts with (a clear ValueError on a bad shape).
CHECKS = Snippet(
    "snippets/_checks.py",
    names=("as_float_array", "positive_scalar", "check_min_ndim", "broadcast_batch",
           "check_qkv", "check_mask"),
    fold=True,
)
SOFTMAX = Snippet("snippets/softmax.py", section="softmax")
MASKED_SOFTMAX = Snippet("snippets/softmax.py", section="masked_softmax")
ATTENTION = Snippet("snippets/attention.py", section="sdpa")

HELPERS_NOTE = Markdown(
    en=(
        "The next cells hold the site's attention function and what it needs, copied from "
        "`snippets/`: input checks that raise a `ValueError` naming a wrong shape, the "
        "softmax (plain and masked) and scaled dot-product attention. The notebook "
        "*Attention weights from scratch* builds them step by step."
    ),
    es=(
        "Las celdas siguientes contienen la función de atención del sitio y lo que necesita, "
        "copiado de `snippets/`: comprobaciones de entrada que lanzan un `ValueError` que "
        "nombra la forma incorrecta, la softmax (simple y con máscara) y la atención por "
        "producto escalar escalado. El cuaderno *Pesos de atención desde cero* las construye "
        "paso a paso."
    ),
)

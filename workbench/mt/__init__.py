"""Machine translation behind one interface (`Translator`), with glossary enforcement.

`workbench.mt.argos` is the engine for installed argos packages; `workbench.mt.enforce`
makes its output obey the glossary; `workbench.mt.packages` installs models. Importing this
package loads neither argostranslate nor CTranslate2.

Nothing the workbench does with a model opens a network connection or writes outside the
package folder. The one library known to try is onnxruntime (argostranslate's sentence
splitter pulls it in): at import it writes a device id and queues a telemetry event under
~/.cache/Microsoft. The workbench never imports it, and switches its telemetry off in case
anything else in the process does.
"""

import os

from workbench.mt.base import DecodeOptions, Hypothesis, TranslationResult, Translator

# Before any submodule can import onnxruntime: it reads the variable when it loads.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

__all__ = ["DecodeOptions", "Hypothesis", "TranslationResult", "Translator"]

"""Machine translation behind one interface (`Translator`), with glossary enforcement.

`workbench.mt.argos` is the engine for installed argos packages; `workbench.mt.enforce`
makes its output obey the glossary; `workbench.mt.packages` installs models. Importing this
package loads neither argostranslate nor CTranslate2.
"""

from workbench.mt.base import DecodeOptions, Hypothesis, TranslationResult, Translator

__all__ = ["DecodeOptions", "Hypothesis", "TranslationResult", "Translator"]

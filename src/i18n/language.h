#pragma once
/// The language a report or a codebook is written in: English (the sources' own text) or a language
/// with a gettext catalog in po/ (po/LINGUAS), the same catalog the desktop interface uses, so a term
/// reads the same on screen, on paper and in a research export's codebook. The catalog is read with
/// Boost.Locale's gettext reader, which needs no system locale: a clinic prints Chinese reports from an
/// English desktop and the reverse. Only words change; numbers keep their decimal point and dates stay ISO in
/// every language.
///
/// Report text is marked for po/extract with tr("...") and, for a sentence with values, trf("... {1}
/// ... {2}", {a, b}): the translator moves the placeholders where the sentence needs them; a count
/// in words with trn("{1} regression", "{1} regressions", n). A text made now and written later in
/// any language (a codebook's labels) is an i18n::Text (i18n/text.h).

#include <initializer_list>
#include <locale>
#include <memory>
#include <string>
#include <vector>

namespace ankylos::i18n {

class Language {
public:
    /// English: every text is returned as written.
    Language();

    /// The language with that code: "en", or one of availableLanguages() ("zh_CN"). Throws
    /// core::ValidationError naming field, the code and the codes allowed when there is no catalog
    /// for it.
    static Language load(const std::string& code, const std::string& field = "language");

    /// "en", "zh_CN".
    const std::string& code() const { return m_code; }

    /// The translation of english, or english itself when the catalog has none.
    std::string tr(const char* english) const;
    /// The same for a label made elsewhere (core's vocabulary, marked N_ there).
    std::string tr(const std::string& english) const { return tr(english.c_str()); }
    /// The translation of english in context (a msgctxt: "ASDAS state" for "low"), or english.
    std::string trc(const char* context, const char* english) const;
    /// Whether the catalog translates english (in context, when not empty); English translates all.
    bool translates(const std::string& english, const std::string& context = {}) const;
    /// The translated pattern with {1}, {2}, ... replaced by values[0], values[1], ...
    std::string trf(const char* pattern, std::initializer_list<std::string> values) const;
    /// A count in words: the catalog's plural form for n of one/many (English: one when n is 1), with
    /// {1} replaced by n ("{1} regression", "{1} regressions").
    std::string trn(const char* one, const char* many, int n) const;

private:
    /// The catalog's translation, or null (English, or a text the catalog lacks).
    const char* lookup(const char* context, const char* english) const;

    std::string m_code = "en";
    std::shared_ptr<const std::locale> m_catalog;  ///< empty for English
};

/// "en" and every language whose catalog is found (po/LINGUAS, built into share/locale).
std::vector<std::string> availableLanguages();

/// The language the environment asks for: the first language of the LANGUAGE list with a catalog,
/// else the first of LC_ALL, LC_MESSAGES and LANG that is set: "zh_CN" for zh_CN.UTF-8 when its
/// catalog is found, otherwise "en".
std::string systemLanguage();

/// {1}, {2}, ... of pattern replaced by values[0], values[1], ... ("{1} of {2}", {"3", "7"}).
std::string substitute(const std::string& pattern, const std::vector<std::string>& values);

}  // namespace ankylos::i18n

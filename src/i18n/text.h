#pragma once
/// A text made now and written later in any language: a research export builds its columns' labels
/// once and the codebook writes each label in English and in Chinese (label, label_zh_CN).
///
/// Labels are patterns with translatable parts rather than finished sentences: "{1}: status" with
/// {1} = "BASDAI", "Visit {1}: {2}" with {1} = 2 and {2} the visit's column. A translator sees each
/// pattern once, and a label made of parts reads in Chinese as the glossary (docs/glossary.zh_CN.md)
/// writes each part. The parts:
///   tr("Visit date")                      a message marked for po/extract
///   trc("ASDAS state", "low")            a message in a context, for a word that means several things
///   trf("{1}: status", {part})           a pattern whose {1}, {2}, ... are parts
///   vocabulary(core::label(site))        core's vocabulary, marked N_ in core (core/translatable.h)
///   verbatim("C2_inf"), verbatim("2")    the same in every language: IDs, numbers, score names
///   id("femoral_neck", meaning)          an ID that English shows as it is, other languages by meaning
/// English is always the sources' own text, so an English label made of parts is the string it was.

#include <string>
#include <vector>

namespace ankylos::i18n {

class Language;

class Text {
public:
    /// The empty text.
    Text() = default;

    static Text verbatim(std::string text);
    static Text message(std::string english, std::string context = {});
    static Text pattern(std::string english, std::vector<Text> parts);
    static Text id(std::string id, Text meaning);

    /// The text in language: messages and patterns translated by its catalog (English when the catalog
    /// lacks one), the parts put in their pattern's placeholders.
    std::string in(const Language& language) const;
    /// The text in English, the sources' own.
    std::string english() const;
    /// The messages and patterns of the text (its parts too) that language's catalog does not
    /// translate: empty when every word of the text is in language.
    std::vector<std::string> untranslated(const Language& language) const;
    bool empty() const { return m_kind == Kind::Verbatim && m_text.empty(); }

private:
    enum class Kind { Verbatim, Message, Pattern, Id };
    Kind m_kind = Kind::Verbatim;
    std::string m_text;         ///< the verbatim text, the message or pattern in English, the ID
    std::string m_context;      ///< the message's context (msgctxt), or empty
    std::vector<Text> m_parts;  ///< a pattern's parts; an ID's meaning
};

/// A message, marked for po/extract.
inline Text tr(const char* english) {
    return Text::message(english);
}
/// A message in a context (msgctxt), marked for po/extract.
inline Text trc(const char* context, const char* english) {
    return Text::message(english, context);
}
/// A pattern with parts {1}, {2}, ..., marked for po/extract.
inline Text trf(const char* pattern, std::vector<Text> parts) {
    return Text::pattern(pattern, std::move(parts));
}
/// A label of core's vocabulary (marked N_ in core, so already in the catalog).
inline Text vocabulary(std::string english) {
    return Text::message(std::move(english));
}
inline Text verbatim(std::string text) {
    return Text::verbatim(std::move(text));
}

}  // namespace ankylos::i18n

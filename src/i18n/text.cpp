#include "i18n/text.h"

#include "i18n/language.h"

namespace ankylos::i18n {

Text Text::verbatim(std::string text) {
    Text t;
    t.m_text = std::move(text);
    return t;
}

Text Text::message(std::string english, std::string context) {
    Text t;
    t.m_kind = Kind::Message;
    t.m_text = std::move(english);
    t.m_context = std::move(context);
    return t;
}

Text Text::pattern(std::string english, std::vector<Text> parts) {
    Text t;
    t.m_kind = Kind::Pattern;
    t.m_text = std::move(english);
    t.m_parts = std::move(parts);
    return t;
}

Text Text::id(std::string id, Text meaning) {
    Text t;
    t.m_kind = Kind::Id;
    t.m_text = std::move(id);
    t.m_parts.push_back(std::move(meaning));
    return t;
}

std::string Text::in(const Language& language) const {
    switch (m_kind) {
        case Kind::Verbatim:
            return m_text;
        case Kind::Message:
            return m_context.empty() ? language.tr(m_text) : language.trc(m_context.c_str(), m_text.c_str());
        case Kind::Pattern: {
            std::vector<std::string> parts;
            for (const Text& part : m_parts)
                parts.push_back(part.in(language));
            return substitute(language.tr(m_text), parts);
        }
        case Kind::Id:
            return language.code() == "en" ? m_text : m_parts.front().in(language);
    }
    return m_text;
}

std::string Text::english() const {
    return in(Language());
}

std::vector<std::string> Text::untranslated(const Language& language) const {
    std::vector<std::string> missing;
    if ((m_kind == Kind::Message || m_kind == Kind::Pattern) && !language.translates(m_text, m_context))
        missing.push_back(m_context.empty() ? m_text : m_context + "|" + m_text);
    if (m_kind == Kind::Id && language.code() == "en")
        return missing;
    for (const Text& part : m_parts)
        for (std::string& message : part.untranslated(language))
            missing.push_back(std::move(message));
    return missing;
}

}  // namespace ankylos::i18n

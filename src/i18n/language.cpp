#include "i18n/language.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>

#include "core/validation.h"

namespace ankylos::i18n {

namespace {

constexpr const char* kDomain = "ankylos";

/// Where catalogs are: <executable's folder>/../share/locale (the installed layout, and the build
/// tree's for build/src/app), then the build tree's own (tests run from build/tests/...).
std::vector<std::filesystem::path> catalogFolders() {
    std::vector<std::filesystem::path> folders;
    std::error_code error;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error)
        folders.push_back(exe.parent_path() / ".." / "share" / "locale");
#ifdef ANKYLOS_LOCALE_BUILD_DIR
    folders.emplace_back(ANKYLOS_LOCALE_BUILD_DIR);
#endif
    return folders;
}

std::filesystem::path catalogFile(const std::filesystem::path& folder, const std::string& code) {
    return folder / code / "LC_MESSAGES" / (std::string(kDomain) + ".mo");
}

std::string joined(const std::vector<std::string>& codes) {
    std::string text;
    for (std::size_t i = 0; i < codes.size(); ++i)
        text += (i == 0 ? "" : i + 1 == codes.size() ? " or " : ", ") + codes[i];
    return text;
}

}  // namespace

Language::Language() = default;

Language Language::load(const std::string& code, const std::string& field) {
    Language language;
    if (code == "en")
        return language;
    const std::vector<std::string> available = availableLanguages();
    const auto folders = catalogFolders();
    const auto folder = std::find_if(folders.begin(), folders.end(), [&](const std::filesystem::path& f) {
        return std::filesystem::exists(catalogFile(f, code));
    });
    if (code.empty() || code.find('/') != std::string::npos || folder == folders.end())
        throw core::ValidationError(field, code, joined(available));

    namespace gettext = boost::locale::gnu_gettext;
    gettext::messages_info info;
    const auto underscore = code.find('_');
    info.language = code.substr(0, underscore);
    if (underscore != std::string::npos)
        info.country = code.substr(underscore + 1);
    info.encoding = "UTF-8";
    info.paths.push_back(folder->string());
    info.domains.push_back(gettext::messages_info::domain(kDomain));
    // The locale owns the facet (std::locale's reference count), and only the facet is used.
    language.m_catalog = std::make_shared<const std::locale>(std::locale::classic(),
                                                             gettext::create_messages_facet<char>(info));
    language.m_code = code;
    return language;
}

const char* Language::lookup(const char* context, const char* english) const {
    if (!m_catalog)
        return nullptr;
    return std::use_facet<boost::locale::message_format<char>>(*m_catalog).get(0, context, english);
}

std::string Language::tr(const char* english) const {
    const char* translated = lookup(nullptr, english);
    return translated ? translated : english;
}

std::string Language::trc(const char* context, const char* english) const {
    const char* translated = lookup(context, english);
    return translated ? translated : english;
}

bool Language::translates(const std::string& english, const std::string& context) const {
    return !m_catalog || lookup(context.empty() ? nullptr : context.c_str(), english.c_str()) != nullptr;
}

std::string Language::trf(const char* pattern, std::initializer_list<std::string> values) const {
    return substitute(tr(pattern), values);
}

std::string Language::trn(const char* one, const char* many, int n) const {
    const char* translated = nullptr;
    if (m_catalog)
        translated = std::use_facet<boost::locale::message_format<char>>(*m_catalog).get(0, nullptr, one, n);
    return substitute(translated ? translated : n == 1 ? one : many, {std::to_string(n)});
}

std::vector<std::string> availableLanguages() {
    std::vector<std::string> codes{"en"};
    for (const std::filesystem::path& folder : catalogFolders()) {
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
            const std::string code = entry.path().filename().string();
            if (std::filesystem::exists(catalogFile(folder, code)) &&
                std::find(codes.begin(), codes.end(), code) == codes.end())
                codes.push_back(code);
        }
    }
    std::sort(codes.begin() + 1, codes.end());
    return codes;
}

std::string systemLanguage() {
    // gettext's order: LANGUAGE (a list, whose first language with a catalog wins), then the first of
    // LC_ALL, LC_MESSAGES and LANG that is set.
    const std::vector<std::string> available = availableLanguages();
    auto known = [&](const std::string& value) {
        const std::string code = value.substr(0, value.find_first_of(".@"));
        return std::find(available.begin(), available.end(), code) != available.end() ? code : std::string();
    };
    if (const char* list = std::getenv("LANGUAGE"); list && *list) {
        std::string rest = list;
        for (std::size_t colon; !rest.empty();
             rest = colon == std::string::npos ? "" : rest.substr(colon + 1)) {
            colon = rest.find(':');
            if (const std::string code = known(rest.substr(0, colon)); !code.empty())
                return code;
        }
    }
    for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        if (const char* value = std::getenv(variable); value && *value) {
            const std::string code = known(value);
            return code.empty() ? "en" : code;
        }
    }
    return "en";
}

std::string substitute(const std::string& pattern, const std::vector<std::string>& values) {
    std::string text;
    text.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const bool placeholder = pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
                                 pattern[i + 1] >= '1' && pattern[i + 1] <= '9';
        const std::size_t index = placeholder ? static_cast<std::size_t>(pattern[i + 1] - '1') : 0;
        if (placeholder && index < values.size()) {
            text += values[index];
            i += 2;
        } else {
            text += pattern[i];
        }
    }
    return text;
}

}  // namespace ankylos::i18n

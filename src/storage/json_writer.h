#pragma once
/// Compact JSON written straight into a string, for output too large to build as a document first:
/// a whole cohort's progression is one line per patient, and building each line as an nlohmann tree
/// and then dumping it took 40 % of the run. Same text as nlohmann's dump() for the same values, except
/// that a double is written in its shortest round-trip form (the same number when read back).

#include <optional>
#include <string>
#include <string_view>

namespace ankylos::storage {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : m_out(out) {}

    JsonWriter& beginObject() { return open('{'); }
    JsonWriter& endObject() { return close('}'); }
    JsonWriter& beginArray() { return open('['); }
    JsonWriter& endArray() { return close(']'); }
    /// An object member's name; the next call writes its value.
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(bool flag);
    JsonWriter& value(int number);
    JsonWriter& value(double number);  ///< NaN and infinities as null, as nlohmann writes them
    JsonWriter& null();
    template <class T>
    JsonWriter& value(const std::optional<T>& maybe) {
        return maybe ? value(*maybe) : null();
    }

private:
    JsonWriter& open(char bracket);
    JsonWriter& close(char bracket);
    void beforeValue();
    void quoted(std::string_view text);

    std::string& m_out;
    bool m_needComma = false;
};

}  // namespace ankylos::storage

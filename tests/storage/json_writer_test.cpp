#include "storage/json_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace ankylos::storage {
namespace {

using Json = nlohmann::ordered_json;

std::string written(double number) {
    std::string out;
    JsonWriter(out).value(number);
    return out;
}

std::string written(std::string_view text) {
    std::string out;
    JsonWriter(out).value(text);
    return out;
}

TEST(JsonWriter, StringsAreEscapedAsNlohmannDumpsThem) {
    for (const std::string& text :
         {std::string(), std::string("plain"), std::string("quote \" and backslash \\"),
          std::string("tab\tnew line\ncarriage\rform\fback\b"), std::string("\x01\x1f control"),
          std::string(1, '\0') + "nul", std::string("J\xc3\xbcrgen \xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e"),
          std::string("\"\"\\\\"), std::string("ends with \\")})
        EXPECT_EQ(written(text), Json(text).dump()) << text;
}

TEST(JsonWriter, DoublesReadBackAsTheSameNumber) {
    for (const double number :
         {0.0, -0.0, 1.0, 15.0, -3.0, 2.4996577686516086, 8.363636363636363, 0.1, 1e-7, 123456789.125, 1e300,
          -2.5e-300, std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()}) {
        const std::string text = written(number);
        const Json read = Json::parse(text);
        ASSERT_TRUE(read.is_number_float()) << text << " must read as a double, not an integer";
        EXPECT_EQ(read.get<double>(), number) << text;
    }
    // The forms of the values a review holds are nlohmann's own.
    for (const double number : {15.0, 2.4996577686516086, 6.636363636363637, 0.5, -1.25})
        EXPECT_EQ(written(number), Json(number).dump());
}

TEST(JsonWriter, NonFiniteDoublesAreNull) {
    EXPECT_EQ(written(std::nan("")), "null");
    EXPECT_EQ(written(std::numeric_limits<double>::infinity()), "null");
    EXPECT_EQ(written(-std::numeric_limits<double>::infinity()), "null");
}

TEST(JsonWriter, NestedObjectsAndArraysMatchDump) {
    std::string out;
    JsonWriter w(out);
    w.beginObject();
    w.key("id").value("AS-1");
    w.key("empty_array").beginArray().endArray();
    w.key("empty_object").beginObject().endObject();
    w.key("pairs").beginArray();
    for (int i = 0; i < 2; ++i) {
        w.beginObject();
        w.key("n").value(i);
        w.key("flag").value(i == 1);
        w.key("maybe").value(i == 0 ? std::optional<double>(2.5) : std::nullopt);
        w.key("list").beginArray().value("a").value(false).null().endArray();
        w.endObject();
    }
    w.endArray();
    w.key("last").value(std::optional<bool>());
    w.endObject();

    Json expected;
    expected["id"] = "AS-1";
    expected["empty_array"] = Json::array();
    expected["empty_object"] = Json::object();
    expected["pairs"] = Json::array();
    for (int i = 0; i < 2; ++i)
        expected["pairs"].push_back({{"n", i},
                                     {"flag", i == 1},
                                     {"maybe", i == 0 ? Json(2.5) : Json(nullptr)},
                                     {"list", {"a", false, nullptr}}});
    expected["last"] = nullptr;
    EXPECT_EQ(out, expected.dump());
}

}  // namespace
}  // namespace ankylos::storage

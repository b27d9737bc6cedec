// A server database's location: built from the Connect dialog's fields and read back for the
// messages and prompts that name it.
#include "storage/server_location.h"

#include <gtest/gtest.h>

namespace ankylos::storage {
namespace {

TEST(ServerLocation, BuildsTheUriOfTheIssue) {
    ServerLocation location;
    location.host = "db.clinic.example";
    location.database = "ankylos";
    location.user = "nurse";
    EXPECT_EQ(toUri(location), "postgresql://nurse@db.clinic.example:5432/ankylos");
}

TEST(ServerLocation, NamesTheSslModeUnlessItIsTheDefault) {
    ServerLocation location;
    location.database = "clinic";
    location.user = "li";
    location.sslMode = kSslPrefer;
    EXPECT_EQ(toUri(location), "postgresql://li@localhost:5432/clinic");
    location.sslMode = kSslVerifyFull;
    location.port = 6543;
    EXPECT_EQ(toUri(location), "postgresql://li@localhost:6543/clinic?sslmode=verify-full");
}

TEST(ServerLocation, EncodesWhatAUriCannotHoldAndReadsItBack) {
    ServerLocation location;
    location.host = "::1";
    location.database = "clinic north/2";
    location.user = "dr.o'neil@ward";
    const std::string uri = toUri(location);
    EXPECT_EQ(uri, "postgresql://dr.o%27neil%40ward@[::1]:5432/clinic%20north%2F2");
    const auto back = parseServerLocation(uri);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->host, "::1");
    EXPECT_EQ(back->database, "clinic north/2");
    EXPECT_EQ(back->user, "dr.o'neil@ward");
}

TEST(ServerLocation, ReadsTheParts) {
    const auto location =
        parseServerLocation("postgres://li@10.0.0.5:6000/ankylos?connect_timeout=5&sslmode=require");
    ASSERT_TRUE(location);
    EXPECT_EQ(location->user, "li");
    EXPECT_EQ(location->host, "10.0.0.5");
    EXPECT_EQ(location->port, 6000);
    EXPECT_EQ(location->database, "ankylos");
    EXPECT_EQ(location->sslMode, "require");
}

TEST(ServerLocation, FillsWhatIsMissingWithLibpqsDefaults) {
    const auto location = parseServerLocation("postgresql:///clinic");
    ASSERT_TRUE(location);
    EXPECT_EQ(location->host, "localhost");
    EXPECT_EQ(location->port, 5432);
    EXPECT_EQ(location->user, "");
    EXPECT_EQ(location->database, "clinic");
}

TEST(ServerLocation, DropsAPasswordAndRefusesAFileName) {
    const auto location = parseServerLocation("postgresql://li:secret@host/clinic");
    ASSERT_TRUE(location);
    EXPECT_EQ(location->user, "li");
    EXPECT_EQ(toUri(*location).find("secret"), std::string::npos);
    EXPECT_FALSE(parseServerLocation("clinic.db"));
    EXPECT_FALSE(parseServerLocation("/home/li/postgresql://x"));
}

TEST(ServerLocation, IsAServerByItsSchemeAloneSoLibpqNamesWhatIsMalformed) {
    EXPECT_TRUE(isServerLocation("postgresql://li@host/clinic"));
    EXPECT_TRUE(isServerLocation("postgres://host"));
    EXPECT_TRUE(isServerLocation("postgresql://host:notaport/clinic"));
    EXPECT_FALSE(isServerLocation("clinic.db"));
    EXPECT_FALSE(isServerLocation("postgresql:/host/clinic"));
    EXPECT_FALSE(isServerLocation("/srv/postgresql://clinic.db"));
    EXPECT_FALSE(isServerLocation(""));
}

}  // namespace
}  // namespace ankylos::storage

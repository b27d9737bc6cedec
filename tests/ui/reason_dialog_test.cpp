#include "ui/reason_dialog.h"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "ui_test_support.h"

namespace ankylos::ui::test {

TEST(ReasonDialog, ReturnsTheTrimmedReason) {
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        auto* ok = wxDynamicCast(dialog.FindWindow(wxID_OK), wxButton);
        EXPECT_FALSE(ok->IsEnabled()) << "an empty reason must not be accepted";
        XRCCTRL(dialog, "reason", wxTextCtrl)->SetValue("  wrong date typed  ");
        EXPECT_TRUE(ok->IsEnabled());
        return wxID_OK;
    });
    const auto reason = askReason(nullptr, "Edit visit of 2021-03-04");
    ASSERT_TRUE(reason.has_value());
    EXPECT_EQ(*reason, "wrong date typed");
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_EQ(responder.seen()[0], "Reason for the change");
}

TEST(ReasonDialog, CancelReturnsNothing) {
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        XRCCTRL(dialog, "reason", wxTextCtrl)->SetValue("typo");
        return wxID_CANCEL;
    });
    EXPECT_FALSE(askReason(nullptr, "Delete visit").has_value());
}

}  // namespace ankylos::ui::test

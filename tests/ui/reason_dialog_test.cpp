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

namespace {

/// A key as the dialog receives it first (its char hook), with modifiers.
void pressKey(wxDialog& dialog, int key, int modifiers = wxMOD_NONE) {
    wxKeyEvent event(wxEVT_CHAR_HOOK);
    event.m_keyCode = key;
    event.m_shiftDown = (modifiers & wxMOD_SHIFT) != 0;
    event.m_controlDown = (modifiers & wxMOD_CONTROL) != 0;
    event.SetEventObject(XRCCTRL(dialog, "reason", wxTextCtrl));
    XRCCTRL(dialog, "reason", wxTextCtrl)->GetEventHandler()->ProcessEvent(event);
}

}  // namespace

TEST(ReasonDialog, EnterRecordsAndShiftOrCtrlEnterStartsANewLine) {
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        auto* reason = XRCCTRL(dialog, "reason", wxTextCtrl);
        dialog.SetReturnCode(0);
        pressKey(dialog, WXK_RETURN);
        EXPECT_NE(dialog.GetReturnCode(), wxID_OK) << "Enter with no reason records nothing";
        reason->SetValue("typo in the date");
        reason->SetInsertionPointEnd();
        pressKey(dialog, WXK_RETURN, wxMOD_SHIFT);
        reason->AppendText("second line");
        pressKey(dialog, WXK_RETURN, wxMOD_CONTROL);
        EXPECT_EQ(reason->GetValue(), "typo in the date\nsecond line\n");
        EXPECT_NE(dialog.GetReturnCode(), wxID_OK) << "Shift+Enter and Ctrl+Enter do not record";
        pressKey(dialog, WXK_RETURN);
        EXPECT_EQ(dialog.GetReturnCode(), wxID_OK) << "Enter records";
        return dialog.GetReturnCode();
    });
    const auto reason = askReason(nullptr, "Edit visit of 2021-03-04");
    ASSERT_TRUE(reason.has_value());
    EXPECT_EQ(*reason, "typo in the date\nsecond line");
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

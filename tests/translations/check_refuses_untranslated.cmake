# po/check on a copy of the sources with one new _("...") that nobody translated must fail and name
# the string: the completeness test can fail. Run with -DSOURCE_DIR=<repository> -DWORK_DIR=<scratch>.
set(copy ${WORK_DIR}/tree)
file(REMOVE_RECURSE ${copy})
file(COPY ${SOURCE_DIR}/po ${SOURCE_DIR}/forms ${SOURCE_DIR}/src DESTINATION ${copy})
file(WRITE ${copy}/src/ui/untranslated_probe.cpp
     "#include <wx/intl.h>\nwxString probe() { return _(\"A label nobody translated\"); }\n")
execute_process(COMMAND ${copy}/po/check zh_CN RESULT_VARIABLE status OUTPUT_VARIABLE output
                ERROR_VARIABLE output)
file(REMOVE_RECURSE ${copy})
if(status EQUAL 0)
    message(FATAL_ERROR "po/check passed a tree with an untranslated string:\n${output}")
endif()
if(NOT output MATCHES "msgid \"A label nobody translated\"")
    message(FATAL_ERROR "po/check failed without naming the untranslated string:\n${output}")
endif()
message(STATUS "po/check refused the untranslated string, as it should:\n${output}")

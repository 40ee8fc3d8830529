// kiosk-admin set-pin end to end: mismatch and weak PINs change nothing; a good PIN stores a verifiable hash.
#include "kiosk/core/staff_access.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

int SetPin(const std::string& input, const std::string& file) {
    std::string cmd = "printf '" + input + "' | " KIOSK_ADMIN_PATH " set-pin --pin-file " + file + " 2>/dev/null";
    int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("kiosk-admin set-pin stores only a hash, and refuses mismatched or weak PINs") {
    std::string file = "/tmp/kiosk-admin-pin-" + std::to_string(::getpid());
    std::remove(file.c_str());
    CHECK(SetPin("482913\\n482914\\n", file) == 1);
    CHECK_FALSE(kiosk::core::LoadPinHash(file).has_value());
    CHECK(SetPin("111111\\n111111\\n", file) == 1);
    CHECK_FALSE(kiosk::core::LoadPinHash(file).has_value());
    CHECK(SetPin("482913\\n", file) == 1);
    REQUIRE(SetPin("482913\\n482913\\n", file) == 0);
    auto hash = kiosk::core::LoadPinHash(file);
    REQUIRE(hash.has_value());
    CHECK(kiosk::core::VerifyPin(*hash, "482913"));
    CHECK(hash->find("482913") == std::string::npos);
    std::remove(file.c_str());
}

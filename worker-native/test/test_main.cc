#include <cstdio>
#include <cstring>

#include "check.h"

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : nullptr;
  for (auto& t : test::registry().tests) {
    if (filter && !std::strstr(t.first, filter)) continue;
    const int before = test::counters().failed;
    t.second();
    std::printf("%-40s %s\n", t.first, test::counters().failed == before ? "ok" : "FAILED");
  }
  std::printf("%d passed, %d failed\n", test::counters().passed, test::counters().failed);
  return test::counters().failed == 0 ? 0 : 1;
}

// jetstudy's command line (filled in as stages land).
int main() { return 0; }

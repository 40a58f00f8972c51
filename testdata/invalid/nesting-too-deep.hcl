# Input nested deeper than the limit (64 levels) is refused before any
# parser sees it: deep enough input would overflow the parser's stack.
gameday "deep" {
  description = (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("x")))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))) # ERROR: Nesting too deep
}

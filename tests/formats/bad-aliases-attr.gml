graph [
  node [ id 0 label "a" aliases "[&quot;db a&quot;]" ]
  node [ id 1 label "b" ]
]

graph [
  name "firstfloor"
  node [ id 0 label "a" ]
]

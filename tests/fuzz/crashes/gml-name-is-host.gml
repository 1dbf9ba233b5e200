graph [
  node [ id 0 label "New York" ]
  node [ id 1 label "Boston" ]
  edge [ source 0 target 1 ]
]

Creator "meshsim tests"
Version 1

print("qbr")
